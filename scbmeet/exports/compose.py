"""docxcompose's :class:`Composer`, imported so that it cannot change python-docx for everyone.

Importing ``docxcompose.utils`` runs ``docx.oxml.ns.nsmap.update(...)``, which rebinds
the ``cp`` prefix from the core-properties namespace to the custom-properties one. From
then on python-docx writes ``docProps/core.xml`` with status, keywords, category, version
and revision in the wrong namespace (another process reads status as empty, Word offers
to repair the file). Everything in scbmeet that needs docxcompose imports it from here:
the prefixes python-docx already had are put back at once, and the prefixes docxcompose
adds that python-docx lacks are kept (its XPath queries need them). The writer also
builds ``core.xml`` itself with explicit namespaces, so even a library that rebinds a
prefix later cannot damage the properties.
"""

from __future__ import annotations

from docx.oxml import ns

# From python-docx's own reverse map, which nothing rebinds (even if docxcompose came first).
_PYTHON_DOCX_PREFIXES = {prefix: uri for uri, prefix in ns.pfxmap.items()}

from docxcompose.composer import Composer  # noqa: E402  (must follow the snapshot)

ns.nsmap.update(_PYTHON_DOCX_PREFIXES)

__all__ = ["Composer"]
