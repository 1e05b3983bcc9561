"""Scripts that train the project's weights or build its data tables (``python -m tools.train.X``).

They write files that ship in ``src/storyline``; the package never imports them.
"""
