"""The sample site in headless Chromium, used the way a learner would."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from sitekit import RETIRED_ID, REVISED_ON, SCREENSHOTS, BuiltSite

from microcred.catalogue import Catalogue

pytestmark = pytest.mark.browser


def _visible_cards(page: Any) -> list[dict[str, str]]:
    return page.eval_on_selector_all(
        "#mc-cards > li:not([hidden])",
        "cards => cards.map(c => ({id: c.querySelector('a').getAttribute('href'),"
        " level: c.dataset.level, mode: c.dataset.mode}))",
    )


def _save(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / name), full_page=True)


def test_home_lists_every_listed_credential(
    sample_site: BuiltSite, sample_url: str, open_page: Any
) -> None:
    catalogue = Catalogue.load(sample_site.root)
    listed = [r for r in catalogue.published if r.is_listed]
    page = open_page()
    page.goto(sample_url)

    cards = _visible_cards(page)
    hrefs = " ".join(card["id"] for card in cards)
    assert len(cards) == len(listed)
    assert f"credentials/{RETIRED_ID}/" not in hrefs
    assert page.inner_text("#mc-count") == f"Showing all {len(listed)} credentials"
    _save(page, "home.png")


def test_filter_narrows_cards_and_keeps_url(sample_url: str, open_page: Any) -> None:
    page = open_page()
    page.goto(sample_url)
    total = len(_visible_cards(page))

    page.select_option("#mc-filter-level", "graduate")

    cards = _visible_cards(page)
    assert 0 < len(cards) < total
    assert {card["level"] for card in cards} == {"graduate"}
    assert parse_qs(urlsplit(page.url).query) == {"level": ["graduate"]}
    assert (
        page.inner_text("#mc-count") == f"Showing {len(cards)} of {total} credentials"
    )
    _save(page, "filtered.png")

    page.goto(page.url)
    assert page.input_value("#mc-filter-level") == "graduate"
    assert len(_visible_cards(page)) == len(cards)


def test_shared_url_combines_filters(sample_url: str, open_page: Any) -> None:
    page = open_page()
    page.goto(sample_url + "?mode=online&sort=hours")

    cards = _visible_cards(page)
    hours = page.eval_on_selector_all(
        "#mc-cards > li:not([hidden])",
        "cards => cards.map(c => parseFloat(c.dataset.hours))",
    )
    assert cards
    assert {card["mode"] for card in cards} == {"online"}
    assert hours == sorted(hours)


def test_keyboard_filtering_announces_count(sample_url: str, open_page: Any) -> None:
    page = open_page()
    page.goto(sample_url)
    total = len(_visible_cards(page))
    live = page.locator("#mc-count")
    assert live.get_attribute("aria-live") == "polite"
    assert live.get_attribute("role") == "status"

    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "mc-filter-level":
            break
    else:
        pytest.fail("Tab never reached the level filter")
    page.keyboard.press("ArrowDown")

    visible_count = len(_visible_cards(page))
    assert visible_count < total
    assert live.inner_text() == f"Showing {visible_count} of {total} credentials"

    while page.evaluate("document.activeElement.id") != "mc-clear":
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_function(
        f"document.querySelectorAll('#mc-cards > li:not([hidden])').length == {total}"
    )
    assert live.inner_text() == f"Showing all {total} credentials"
    assert urlsplit(page.url).query == ""


def test_search_finds_credential_by_skill(
    sample_site: BuiltSite, sample_url: str, open_page: Any
) -> None:
    record, skill = _skill_not_in_title(sample_site)
    page = open_page()
    page.goto(sample_url)

    page.keyboard.press("/")
    # The search worker reports readiness in the result header; text typed earlier is lost.
    page.wait_for_function(
        "document.querySelector('.md-search-result__meta').textContent.trim()"
        " === 'Type to start searching'"
    )
    page.keyboard.type(skill)
    result = page.locator(f".md-search-result__item a[href*='credentials/{record}/']")
    result.first.wait_for(timeout=10_000)
    assert result.count() >= 1


def test_credential_page_shows_learner_facts(sample_url: str, open_page: Any) -> None:
    page = open_page()
    page.goto(sample_url + f"credentials/{RETIRED_ID}/")

    text = page.inner_text("article")
    for heading in (
        "What you will be able to do",
        "Skills",
        "How to earn it",
        "Time and cost",
        "How to enrol",
        "Who issues it",
        "Contacts",
    ):
        assert heading in text
    assert "Not credit-bearing" in text
    assert "This credential is retired" in text
    assert f"Last revised on {REVISED_ON}" in text
    assert "You must score at least 80%" in text
    assert page.get_attribute(".mc-hero__badge", "alt")
    _save(page, "credential-retired.png")

    page.goto(sample_url + "credentials/engineering-mechanics-foundations/")
    assert "This credential is retired" not in page.inner_text("article")
    _save(page, "credential.png")


def _skill_not_in_title(site: BuiltSite) -> tuple[str, str]:
    catalogue = Catalogue.load(site.root)
    for record in catalogue.published:
        if not record.is_listed:
            continue
        for skill in record.skills:
            if skill.casefold() not in record.title.casefold():
                return record.id, skill
    pytest.fail("no listed credential has a skill outside its title")


def test_dark_scheme_screenshots(sample_url: str, open_page: Any) -> None:
    page = open_page(color_scheme="dark")
    page.goto(sample_url + "?level=undergraduate")
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"
    _save(page, "home-dark.png")

    page.goto(sample_url + "credentials/engineering-mechanics-foundations/")
    assert (
        page.locator("article h1").inner_text() == "Engineering Mechanics Foundations"
    )
    _save(page, "credential-dark.png")
