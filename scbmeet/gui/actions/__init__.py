"""Looking back over what a board decided: the actions register, the chair's review with its
charts, and search across every meeting.
"""
