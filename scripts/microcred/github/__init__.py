"""GitHub side of microcred: PyGithub connection, signatures, agenda, promote, comments."""
