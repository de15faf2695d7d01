"""The mkdocs plugin that turns credentials/ into catalogue pages and open data.

Generated pages are added as files but never to the nav. mkdocs renders the nav for
every page, so a nav with one entry per credential would make the build quadratic.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from functools import partial
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from ..badge_image import badge_image
from ..catalogue import Catalogue
from ..errors import MicrocredError
from .exports import write_exports
from .model import CredentialView, build_views
from .pages import LATE_MARKER, PageRenderer, Rendered
from .search import add_entries, page_entries
from .urls import SiteUrls, relative_prefix

log = logging.getLogger("mkdocs.plugins.microcred")

ASSETS = Path(__file__).parent / "assets"
ASSET_URIS = ("assets/microcred/catalogue.css", "assets/microcred/catalogue.js")
HOME_MARKER = "<!-- microcred:catalogue -->"
BADGE_EXTENSIONS = {"image/svg+xml": "svg", "image/png": "png"}


#: Catalogues already loaded in this process, by resolved root: `microcred build`
#: hands over the one its check loaded, so a large catalogue is not parsed twice.
_preloaded: dict[Path, Catalogue] = {}


def preload(catalogue: Catalogue) -> None:
    """Let the next build of ``catalogue.root`` in this process reuse ``catalogue``."""
    _preloaded[catalogue.root.resolve()] = catalogue


class CatalogueConfig(Config):
    root = config_options.Optional(config_options.Type(str))
    """The catalogue repository; by default the folder that contains mkdocs.yml."""


class CataloguePlugin(BasePlugin[CatalogueConfig]):
    """The mkdocs plugin that generates the catalogue pages and writes the exports."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(self.config.root or Path(config.config_file_path).parent)
        catalogue = _preloaded.pop(self.root.resolve(), None) or Catalogue.load(
            self.root
        )
        self.catalogue = catalogue
        _warn_unreadable(catalogue)

        self.views = build_views(catalogue.published, catalogue.governance)
        site_url = config.site_url or (
            catalogue.governance.site_url if catalogue.governance else "/"
        )
        self.urls = SiteUrls(site_url.rstrip("/") + "/", config.use_directory_urls)
        self.renderer = PageRenderer(self.views, catalogue.governance, self.urls)

        self.generated: dict[str, Callable[[str], Rendered]] = {}
        self.late_html: dict[str, str] = {}
        #: Badge images by site path, written with the exports.
        self.badges: dict[str, bytes] = {}
        self.titles: dict[str, str] = {}
        #: Credential pages by source path, indexed for search by :mod:`.search`.
        self.credential_pages: dict[str, CredentialView] = {}
        self.search_entries: list[dict[str, str]] = []

        config.extra_css.extend(uri for uri in ASSET_URIS if uri.endswith(".css"))
        config.extra_javascript.extend(uri for uri in ASSET_URIS if uri.endswith(".js"))
        log.info("microcred: %d published credentials", len(self.views))
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        for uri in ASSET_URIS:
            content = (ASSETS / Path(uri).name).read_text(encoding="utf-8")
            files.append(File.generated(config, uri, content=content))
        for view in self.views:
            badge = self._prepare_badge(view)
            self.badges[view.badge_file] = badge
            render = partial(self.renderer.credential, view)
            self._add_page(files, config, "credentials", view.id, view.title, render)
            self.credential_pages[self.urls.source("credentials", view.id)] = view
        governance = self.catalogue.governance
        if governance is not None:
            for unit in governance.units.values():
                render = partial(self.renderer.unit, unit)
                self._add_page(files, config, "units", unit.id, unit.name, render)
            for college in governance.colleges.values():
                render = partial(self.renderer.college, college)
                self._add_page(
                    files, config, "colleges", college.id, college.name, render
                )
        return files

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        title = self.titles.get(page.file.src_uri)
        if title is not None:
            # mkdocs-material prints these meta values unescaped, so they arrive escaped.
            page.meta["title"] = html.escape(title, quote=True)
        view = self.credential_pages.get(page.file.src_uri)
        if view is not None:
            description = view.text("summary")
            if description:
                page.meta["description"] = html.escape(description, quote=True)
            page.meta["search"] = {"exclude": True}
        return markdown

    def on_page_content(
        self, html_text: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        base = relative_prefix(page.url)
        render = self.generated.get(page.file.src_uri)
        if render is not None:
            rendered = render(base)
        elif HOME_MARKER in html_text:
            home = self.renderer.home(base)
            rendered = Rendered(
                html_text.replace(HOME_MARKER, home.content, 1), home.late
            )
        else:
            return html_text
        if rendered.late:
            self.late_html[page.file.src_uri] = rendered.late
        view = self.credential_pages.get(page.file.src_uri)
        if view is not None:
            entries = page_entries(rendered.content, page.url, view.title)
            self.search_entries.extend(entries)
        return rendered.content

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        late = self.late_html.pop(page.file.src_uri, None)
        if late is None:
            return output
        return output.replace(LATE_MARKER, late, 1)

    @event_priority(-50)  # After the search plugin has written its index.
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        add_entries(Path(config.site_dir), self.search_entries)
        write_exports(
            Path(config.site_dir),
            self.root,
            self.views,
            self.catalogue,
            self.urls,
            self.badges,
        )

    def _add_page(
        self,
        files: Files,
        config: MkDocsConfig,
        folder: str,
        name: str,
        title: str,
        render: Callable[[str], Rendered],
    ) -> None:
        src_uri = self.urls.source(folder, name)
        files.append(
            File.generated(
                config, src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV
            )
        )
        self.generated[src_uri] = render
        self.titles[src_uri] = title

    def _prepare_badge(self, view: CredentialView) -> bytes:
        """Return the badge image of ``view`` and set its path in the site."""
        try:
            data, mime = badge_image(view.record, self.catalogue.governance, self.root)
        except MicrocredError as exc:
            raise PluginError(str(exc)) from None
        view.badge_file = f"badges/{view.id}.{BADGE_EXTENSIONS[mime]}"
        return data


def _warn_unreadable(catalogue: Catalogue) -> None:
    """Log a warning for unreadable record files, so a strict build stops on them."""
    if not catalogue.load_findings:
        return
    log.warning(
        "microcred: %d file(s) could not be read and are left out of the site, "
        "first %s; run `microcred check` for details",
        len(catalogue.load_findings),
        catalogue.load_findings[0].path,
    )
