"""`python -m footspine` runs the same entry point as the console script."""

from footspine.entry import main

main(skip_teardown=True)
