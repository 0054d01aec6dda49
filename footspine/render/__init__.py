"""Rendering: Documents to terminal text (Rich), plain text, Markdown; bundles to JSON.

Renderers return strings; the CLI prints once. Only `rich_view` imports Rich (a ruff rule keeps
it so), and only when terminal output is wanted, because importing Rich costs more than
everything else footspine does.
"""
