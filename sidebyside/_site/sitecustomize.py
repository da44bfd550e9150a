"""Loaded by every Python process started inside the sandbox (this folder is on PYTHONPATH).

It installs the network guard in child processes a snippet starts, so their attempts are refused
with a readable message and logged for the runner, just like the snippet's own.
"""

import os

if os.environ.get("SIDEBYSIDE_GUARD") == "1":
    try:
        from sidebyside import guard
    except ImportError:  # a child that changed sys.path: the kernel sandbox still holds
        pass
    else:
        guard.install()
