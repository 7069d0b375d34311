"""One exception tree. Library code raises these; only the CLI turns them into
`Error: ...` lines and exit codes.

    ClaimcheckError
    ├── SourceError        an input article cannot be read (empty, binary, bad front matter)
    ├── WorkspaceError     the workspace is missing, locked or its KB is damaged
    ├── EntityError        an entity name does not resolve
    └── QueryError         a SPARQL query is invalid or failed
"""

from __future__ import annotations


class ClaimcheckError(Exception):
    """Base of every error claimcheck reports to a user."""


class SourceError(ClaimcheckError):
    """An input article cannot be read; the message names the file."""


class WorkspaceError(ClaimcheckError):
    """The workspace is missing, locked, or its KB cannot be read."""


class EntityError(ClaimcheckError):
    """An entity name given by a user does not resolve."""


class QueryError(ClaimcheckError):
    """A SPARQL query failed to parse or run."""
