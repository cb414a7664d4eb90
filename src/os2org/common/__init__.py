"""The small things every app shares, written once and low in the tree.

Nothing here imports from an app: the date range the organisation's records
can have, how names are cleaned, CSV cells that are safe to open, and the
limits for reading text nobody here wrote.
"""
