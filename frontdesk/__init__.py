"""Front Desk core: everything except the Qt user interface (see DESIGN.md §3)."""
