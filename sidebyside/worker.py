"""The process inside the sandbox that runs programs for the host.

``python -m sidebyside.worker --reply-fd N [--fork [--preload numpy,torch,...]]``

It reads one :class:`~sidebyside.execute.Job` per line from stdin and answers each on file
descriptor ``N`` with ``{"exit": status}`` once the job's ``result.json`` is written.

* ``--fork`` (fork mode): every job runs in a freshly ``fork()``-ed child. With ``--preload``
  the named packages among numpy, TensorFlow/Keras, PyTorch, scikit-learn and matplotlib are
  imported once first, so a program pays for its own compute only. The child starts from the
  worker's untouched post-import state, with the same pinned environment, seeds, thread
  settings and private folders as a fresh process.
* without it (fresh-process mode): the worker runs exactly one job in itself and exits. A test
  proves both modes record byte-identical outputs.

The network guard is installed before anything is imported.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys

from sidebyside import guard
from sidebyside.execute import Job, run_job

PRELOAD = (
    "numpy",
    "tensorflow",
    "keras",
    "torch",
    "torch._dynamo",  # the first optimizer a program makes imports it (about 1 s)
    "sklearn.datasets",
    "sklearn.model_selection",
    "sklearn.preprocessing",
    "matplotlib",
    "matplotlib.pyplot",
)


def preload(packages: set[str]) -> list[str]:
    loaded = []
    for name in PRELOAD:
        if name.split(".")[0] not in packages:
            continue
        try:
            importlib.import_module(name)
        except ImportError:
            continue
        loaded.append(name)
    return loaded


def reply(fd: int, status: int) -> None:
    os.write(fd, (json.dumps({"exit": status}) + "\n").encode())


def serve(reply_fd: int) -> None:
    """Fork mode: one child per job, until stdin closes."""
    for line in sys.stdin:
        if not line.strip():
            continue
        job = Job.from_json(line)
        pid = os.fork()
        if pid == 0:  # the program's own process
            try:
                os.close(reply_fd)
                status = run_job(job)
            except BaseException:  # never fall back into the worker's loop
                status = 70
            os._exit(status)
        _, wait_status = os.waitpid(pid, 0)
        reply(reply_fd, os.waitstatus_to_exitcode(wait_status))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m sidebyside.worker")
    parser.add_argument("--reply-fd", type=int, required=True)
    parser.add_argument("--fork", action="store_true")
    parser.add_argument("--preload", default="", help="comma-separated top-level packages")
    args = parser.parse_args(argv)
    os.set_inheritable(args.reply_fd, False)  # programs' children never inherit it
    guard.install()
    if args.fork and hasattr(os, "fork"):
        preload(set(filter(None, args.preload.split(","))))
        reply(args.reply_fd, 0)  # ready
        serve(args.reply_fd)
        return
    reply(args.reply_fd, 0)  # ready
    line = sys.stdin.readline()
    if line.strip():
        status = run_job(Job.from_json(line))
        reply(args.reply_fd, status)


if __name__ == "__main__":
    main()
