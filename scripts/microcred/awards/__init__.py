"""Awarding a credential's badge from a grade export, each learner exactly once.

The pipeline: ``grades`` reads the export into rows, ``plan`` sorts the rows
against the awards already in Canvas Credentials, ``apply`` issues the new ones in
batches under a crash-safe ``journal``, and ``report`` writes the coordinator's CSV.
"""
