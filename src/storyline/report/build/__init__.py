"""Build the ``storyline/1`` dossier dict from analyses and fusion results.

The only half of ``report`` that reads model objects and fusion results:
``dossier.build_dossier`` assembles the dict, ``sections`` flattens every
registered extractor's section into it, ``quotes`` adds fusion's links to
quotes and quote groups. Renderers read only what this writes.
"""
