"""Rendering: Documents to terminal text, plain text, Markdown and the HTML handout.

Renderers return strings; `show.show` prints once. The terminal renderer is a few escape codes
over the plain layout, not Rich: importing and running Rich cost more than everything else
footspine does for a question. Rich is used only for the guided check's prompts (`ask.py`).
"""
