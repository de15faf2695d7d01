"""One module per subcommand; see ``microcred.cli``."""
