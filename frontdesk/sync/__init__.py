"""Sync with the loyalty platform: the HTTP client and the sync engine (the wire types are frontdesk/protocol)."""
