"""Make printed output stable: remove what is not the program's meaning.

Applied to every section's stdout before it is recorded or compared.
"""

from __future__ import annotations

import re

ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07]*\x07")
STEP_TIMING = re.compile(r"\b\d+(?:\.\d+)?(?:s|ms|us|µs)/(?:step|sample|epoch)\b")
KERAS_ELAPSED = re.compile(r"(?<= - )\d+(?:\.\d+)?m?s(?= - |$)", re.MULTILINE)  # "8/8 - 0s - …"
ETA = re.compile(r"\bETA: ?[\d:]+s?")
MEMORY_ADDRESS = re.compile(r"\bat 0x[0-9a-fA-F]+")
ONEDNN_NOTICE = re.compile(r"^.*oneDNN custom operations are on.*$\n?", re.MULTILINE)


def last_carriage_segment(line: str) -> str:
    """What a terminal shows for a line rewritten with ``\\r`` (progress bars)."""
    parts = [part for part in line.split("\r") if part]
    return parts[-1] if parts else ""


def normalize_output(text: str) -> str:
    text = ANSI.sub("", text)
    text = text.replace("\r\n", "\n")
    text = "\n".join(last_carriage_segment(line) for line in text.split("\n"))
    text = ONEDNN_NOTICE.sub("", text)
    text = STEP_TIMING.sub("<t>/step", text)
    text = KERAS_ELAPSED.sub("<t>", text)
    text = ETA.sub("ETA: <t>", text)
    text = MEMORY_ADDRESS.sub("at 0x…", text)
    lines = [line.rstrip() for line in text.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n" if lines else ""
