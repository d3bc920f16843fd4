"""The Qt desktop app. It talks to :mod:`scbmeet.services` only: never to sessions or SQL."""
