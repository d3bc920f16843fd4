"""The domain's types: the database tables (``models``), the plain data the services hand out
(``dto``), the fixed vocabularies (``enums``) and the errors meant for users (``errors``).

Importing this package loads nothing: the GUI uses ``dto``, ``enums`` and ``errors`` without ever
loading SQLModel, which only ``models`` needs.
"""
