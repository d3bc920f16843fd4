"""The register: boards and their pages (overview, meetings, forward plan), members, seats,
organisations, their dialogs and undoable edits, and the members' CSV import.
"""
