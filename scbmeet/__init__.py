"""scbmeet: a meeting and minutes manager for multi-agency community safety boards.

A Qt-free core, in layers that import downward only: ``domain`` (tables, plain data,
vocabularies, errors), ``text`` (shorthand, merging), ``storage`` (the database file, schema,
backups, recovery), ``services`` (the business rules), ``exports`` (Word and calendar files),
then ``jsonio``, ``demo`` and ``cli``. Over it the ``gui`` subpackage, which talks to the core
only through the services. The README's "Design" section draws the tree.
"""

# The one place the version is written (pyproject.toml reads it from here): a constant,
# because asking importlib.metadata costs the desktop app ~20 ms of its start-up.
__version__ = "0.1.0"
