"""Use cases the window, the CLI and the sync engine call. Each opens and closes its own unit of work
and returns frozen DTOs (dto.py); ORM rows never leave this package."""
