"""Looking back over what a board decided: the actions register, the chair's review with its
charts, and search across every meeting.

- :mod:`.register`: the actions register page (filters, grouping, history pane, exports).
- :mod:`.action_models`: the register's item models and what their cells show.
- :mod:`.action_dialogs`: record progress, change state, chase owners.
- :mod:`.history`: one action's history as HTML, for the register's history pane.
- :mod:`.review`: the chair's review page; :mod:`.review_charts`: its two charts.
- :mod:`.search_view`: search across every meeting, with highlighted hits.
"""
