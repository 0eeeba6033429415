"""The Qt user interface. Only this package imports PySide6; it drives frontdesk services off the GUI thread."""
