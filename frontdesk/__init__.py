"""Front Desk core: everything except the Qt user interface (see docs/architecture.md §3)."""
