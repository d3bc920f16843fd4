"""Allow ``python -m scbmeet``."""

from scbmeet.cli import main

raise SystemExit(main())
