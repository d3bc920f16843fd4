"""A meeting being prepared: its page and details, the agenda builder (model, commands,
dialogs) and the papers tracker.
"""
