"""The workspace's exceptions, apart so every store module can raise them.

Both carry one line for the user; the CLI prints it and exits 2.
"""

from __future__ import annotations


class WorkspaceError(RuntimeError):
    """The workspace cannot be opened, migrated or written, or is busy past the timeout."""


class SearchError(WorkspaceError, ValueError):
    """A search refused or stopped; the message says what to change."""
