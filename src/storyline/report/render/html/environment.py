"""One way to make the Jinja environments of the HTML outputs.

The dossier, the paged index and the web app each load templates from one or
more packages (the later ones as fallbacks); all of them autoescape
(untrusted article text), fail on an undefined name, and count with the
``plural`` filter ("1 story", "2 stories").
"""

from __future__ import annotations

from jinja2 import ChoiceLoader, Environment, PackageLoader, StrictUndefined

from storyline.report.text import plural


def template_environment(
    *packages: tuple[str, str], keep_trailing_newline: bool = True
) -> Environment:
    """An environment over ``(package, folder)`` template sources, first found wins."""
    env = Environment(
        loader=ChoiceLoader([PackageLoader(pkg, folder) for pkg, folder in packages]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=keep_trailing_newline,
    )
    env.filters["plural"] = plural
    return env
