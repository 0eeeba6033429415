"""The composition root: everything a desk needs before (and apart from) its window, in plain Python.

It opens the desk database, picks the demo hub or the configured platform, signs in from the keychain and
builds the platform link; the window (ui/) receives what is built here and the services, and never reaches
into storage or sync itself (an import contract in pyproject.toml).
"""

from frontdesk.app.accounts import forget_sign_in, sign_in_and_remember
from frontdesk.app.startup import Connected, OpenedDesk, connect, data_dir, open_desk_data

__all__ = [
    "Connected",
    "OpenedDesk",
    "connect",
    "data_dir",
    "forget_sign_in",
    "open_desk_data",
    "sign_in_and_remember",
]
