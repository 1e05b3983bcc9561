"""Roles and titles a document gives a person ("Deputy Defence Minister
Viktor Gulevich", "Alexei Leonchik, founder of ...").

One public function, ``extract_roles(parsed) -> list[Role]`` (the extractor
``roles``), in ``extract.py``; the title head nouns it looks for are data in
``rules.py`` (``TITLE_HEADS``, built from the shared ``storyline.lexicon``).
"""

from __future__ import annotations

from storyline.extract.roles.extract import extract_roles

__all__ = ["extract_roles"]
