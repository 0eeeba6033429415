"""Protocol, reference server and platform client tests (real uvicorn server on 127.0.0.1)."""
