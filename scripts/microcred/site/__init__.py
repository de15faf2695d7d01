"""The catalogue site: the mkdocs plugin, its templates and the open-data exports."""
