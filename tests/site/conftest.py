"""Built sites, a local web server and headless Chromium for the site tests."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sitekit import (
    AXE,
    CHROMIUM,
    CHROMIUM_ARGS,
    RETIRED_ID,
    REVISED_ON,
    BuiltSite,
    build_with_cli,
    copy_catalogue,
    serve,
)

from microcred.yamledit import set_field


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The sample catalogue with one credential retired, built once per session."""
    root = copy_catalogue(tmp_path_factory.mktemp("sample") / "repo")
    retired = next(root.glob(f"credentials/*/{RETIRED_ID}.yaml"))
    text = set_field(retired.read_text(encoding="utf-8"), "status", "retired")
    retired.write_text(set_field(text, "revised_on", REVISED_ON), encoding="utf-8")
    return BuiltSite(root=root, site=build_with_cli(root))


@pytest.fixture(scope="session")
def sample_url(sample_site: BuiltSite) -> Iterator[str]:
    with serve(sample_site.site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright; skips when either is missing."""
    if not CHROMIUM.is_file():
        pytest.skip("Chromium is missing: apt-get install chromium")
    if not AXE.is_file():
        pytest.skip("axe-core is missing: npm ci --prefix tests/js")
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="Playwright is missing: pip install -e '.[test]'"
    )
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


def _leaves_loopback(url: str) -> bool:
    return not url.startswith(("http://127.0.0.1:", "data:", "blob:"))


@pytest.fixture
def open_page(browser: Any) -> Iterator[Any]:
    """Return a factory for pages in a fresh context, in the light scheme unless ``color_scheme`` is given."""
    contexts = []

    def factory(color_scheme: str = "light") -> Any:
        context = browser.new_context(
            color_scheme=color_scheme, viewport={"width": 1280, "height": 900}
        )
        # Only outside requests are intercepted (and aborted): intercepting every
        # request also breaks the search worker's fetch of the index.
        context.route(_leaves_loopback, lambda route: route.abort())
        contexts.append(context)
        return context.new_page()

    yield factory
    for context in contexts:
        context.close()
