"""Scorers for the public gold sets in ../shared/eval (not a pipeline stage).

Each module has a pure ``score(...)`` over gold and predicted records and a
``run(folder)`` that runs Storyline on that gold set's inputs. ``python -m
storyline.evaluate NAME [FOLDER]`` prints the figures; ``make eval`` runs
them all and writes ``benchmarks/results/eval-*.json``.
"""
