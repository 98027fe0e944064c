"""The parts of the JSON backup, one module per kind of record, each with a ``PART``.

``journal.transfer.backup.parts()`` finds every module here by itself: a new kind of record
is a new module, with nothing to register elsewhere.
"""
