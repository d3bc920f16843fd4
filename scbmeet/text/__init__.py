"""Text a minute-taker types and a reader reads: the shorthand that turns a typed line into a
record (``shorthand``), comparing and merging two versions of a minute (``textmerge``), and audit
entries in words (``audit_format``). Plain Python, no database, no Qt.
"""
