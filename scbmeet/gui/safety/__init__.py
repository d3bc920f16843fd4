"""Data safety in the desktop app: the audit trail, backups, damaged files, warnings after
opening, and two versions of one minute.
"""
