"""Storyline: a sourced dossier from a pile of news reports.

The pipeline, stage by stage (each a package of its own):
``read`` -> ``clean`` -> ``nlp`` -> ``extract`` | ``fuse`` -> ``report`` / ``web``,
with ``store`` keeping the workspace and ``scale`` running the per-document
part elsewhere. ``storyline.pipeline.analyze`` is the per-document pure
function; ``storyline.api`` has the high-level calls the CLI is a shell over.
"""

__version__ = "0.1.0"
