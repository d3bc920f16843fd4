"""What every part of the desktop app shares: forms and icons, dialogs' common behaviour,
typed inputs, item models over plain records, error messages, background tasks with progress,
change notices, the undo command base and today's date.
"""
