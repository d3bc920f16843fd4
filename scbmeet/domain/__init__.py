"""The domain's types: the database tables (``models``), the plain data the services hand out
(``dto``), the fixed vocabularies (``enums``), the errors meant for users (``errors``) and the
one rule that decides what is taken in closed session (``closed``).

Importing this package loads nothing: the GUI uses ``dto``, ``enums`` and ``errors`` without ever
loading SQLModel, which only ``models`` needs.
"""
