"""Similarity of credentials: normalised titles, TF-IDF profiles and pair search.

The duplicate rules (MC201-MC205 in ``rules/duplicates.py``) use
:func:`.compare.find_matches` for the pairs and :mod:`.messages` for the wording.
"""
