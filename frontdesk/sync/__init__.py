"""Sync with the loyalty platform: wire formats, the HTTP client, and the protocol document (openapi.yaml)."""
