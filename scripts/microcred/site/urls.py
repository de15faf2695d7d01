"""Paths of generated pages and exports in the built site."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


class HasId(Protocol):
    @property
    def id(self) -> str: ...


@dataclass(frozen=True)
class SiteUrls:
    """Site-relative URLs of generated pages, plus absolute URLs for exports."""

    site_url: str
    use_directory_urls: bool = True

    def page(self, folder: str, name: str) -> str:
        return (
            f"{folder}/{name}/" if self.use_directory_urls else f"{folder}/{name}.html"
        )

    def source(self, folder: str, name: str) -> str:
        """Return the docs-relative source path that mkdocs turns into ``page()``."""
        return f"{folder}/{name}.md"

    def credential(self, item: HasId) -> str:
        return self.page("credentials", item.id)

    def unit(self, item: HasId) -> str:
        return self.page("units", item.id)

    def college(self, item: HasId) -> str:
        return self.page("colleges", item.id)

    def absolute(self, relative: str) -> str:
        return self.site_url + relative


def relative_prefix(page_url: str) -> str:
    """Return the ``../`` prefix that leads from ``page_url`` back to the site root."""
    depth = page_url.count("/")
    return "../" * depth if depth else ""
