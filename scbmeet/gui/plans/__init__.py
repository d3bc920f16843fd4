"""The partnership plan page: a board's priorities and plan actions with their latest status,
and the dialogs and undoable commands for adding, editing and recording progress."""
