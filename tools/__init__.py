"""Developer tools that are not shipped with the ``storyline`` package.

Accuracy scorers (``tools.evaluate``), training and table-building scripts
(``tools.train``) and the restructuring checks (``snapshot.py``,
``check_layout.py``). Run them from the repository root.
"""
