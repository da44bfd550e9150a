"""sidebyside: run TensorFlow/PyTorch snippet pairs, record their output, render them in MkDocs.

Modules, one job each:

* :mod:`sidebyside.sections`  — parse ``# --8<-- [start:name]`` sections of a snippet file
* :mod:`sidebyside.project`   — find posts, programs, helpers and what feeds each program
* :mod:`sidebyside.bootstrap` — the code that runs *inside* a snippet's subprocess
* :mod:`sidebyside.runner`    — start that subprocess (isolated, offline, timed) and read it back
* :mod:`sidebyside.normalize` — strip what is not the program's meaning from printed output
* :mod:`sidebyside.record`    — write/read committed records and check their freshness
* :mod:`sidebyside.compare`   — compare a fresh run with a record (text, numbers, figures)
* :mod:`sidebyside.parity`    — the assertion helpers a post's ``parity.py`` uses
* :mod:`sidebyside.render`    — directives in a post → Markdown (tabs, columns, outputs)
* :mod:`sidebyside.mkdocs_hook` — the MkDocs hook that calls :mod:`render`
* :mod:`sidebyside.cli`       — ``python -m sidebyside record|check|new``
* :mod:`sidebyside.scaffold`  — ``new``: a post from ``templates/`` that runs and passes parity

Nothing here imports TensorFlow or PyTorch.
"""
