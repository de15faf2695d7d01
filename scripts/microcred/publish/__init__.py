"""The publish steps after a merge: promote, sync, commit, build and announce."""
