"""Storage: the database file and everything around it, in layers that import downward only.

From the bottom: where files live (``paths``), writing them safely (``atomic``), telling a
network share (``netfs``); the schema revisions shipped (``revisions``); backups (``backup``);
what is wrong with a file and the way back (``damage``); the engine and its unit of work
(``engine``); keeping the schema current (``schema``, ``migrations/``); opening a database
(``database``); recovery files of unsaved typing (``recovery``); stored files written out
(``files``). This package's own import costs nothing: start-up may import ``paths`` alone.
"""
