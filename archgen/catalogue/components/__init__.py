"""One module per component type, each defining ``TYPE`` (see ``archgen.catalogue``).

A module's name is its type's name (``lambda_`` for ``lambda``, a Python keyword). Modules
whose name starts with ``_`` are helpers several types share, not types.
"""
