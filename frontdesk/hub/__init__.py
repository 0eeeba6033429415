"""The reference loyalty platform: the server side of frontdesk/protocol/openapi.yaml (docs/architecture.md §5).

It serves the demo and every end-to-end test, and a business can run it as its own hub for several desks.
"""

from __future__ import annotations

from frontdesk.hub.app import create_app
from frontdesk.hub.auth import add_staff, remove_staff
from frontdesk.hub.db import create_schema, make_engine
from frontdesk.hub.importer import import_customers
from frontdesk.hub.remote import (
    create_customer,
    create_voucher,
    set_connection_status,
    update_object,
    void_voucher,
)
from frontdesk.hub.seed import SeedSummary, seed_demo

__all__ = [
    "SeedSummary",
    "add_staff",
    "create_app",
    "create_customer",
    "create_schema",
    "create_voucher",
    "import_customers",
    "make_engine",
    "remove_staff",
    "seed_demo",
    "set_connection_status",
    "update_object",
    "void_voucher",
]
