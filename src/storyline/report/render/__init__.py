"""Render: the dossier dict as ``dossier.md`` (``markdown.py``) and ``dossier.html`` (``html/``).

Rendering reads only the dossier dict: it never imports ``storyline.fuse``
or ``storyline.model`` and never recomputes fusion. Shared pieces:
``text.py`` (plain-text helpers), ``statements.py`` ("Who said what"),
``integrity.py`` (source-integrity flags) and ``generic.py`` (a table for any
list of records without a dedicated view).
"""
