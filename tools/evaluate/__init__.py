"""Scorers for the public gold sets (not a pipeline stage, not shipped in the package).

Each module has a pure ``score(...)`` over gold and predicted records and a
``run(folder)`` that runs Storyline on that gold set's inputs. ``python -m
tools.evaluate TASK [--gold-dir DIR]`` prints the figures (gold location:
``gold.gold_folder``); ``make eval`` runs them all and writes
``tools/evaluate/results/TASK.json`` (accuracy; speed stays in
``benchmarks/results/``).
"""
