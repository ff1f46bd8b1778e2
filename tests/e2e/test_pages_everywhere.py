# SPDX-License-Identifier: EUPL-1.2
"""What every page each demo role reaches must do, in Chromium: reflow to 320 CSS pixels
without sideways scrolling (WCAG 1.4.10; data tables scroll in their own container), keep
the header on one row at 1280 pixels, offer the help link (WCAG 3.2.6), and label every
choice in words, never with a raw identifier. The manager's charts draw bars in both
languages."""

import pytest
from django.conf import settings
from django.core.management import call_command

from tests.e2e.conftest import login
from tests.e2e.test_accessibility import ROLES, crawl

# Elements wider than the page that sit inside one of these scroll by themselves.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const scrolls = document.documentElement.scrollWidth;
  const culprits = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 1) continue;
    let contained = false;
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      const style = getComputedStyle(up);
      if (['auto', 'scroll', 'hidden'].includes(style.overflowX)
          && up.getBoundingClientRect().right <= width + 1) { contained = true; break; }
    }
    if (!contained) culprits.push(el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : '') + ' ' + Math.round(box.right));
  }
  return [scrolls, culprits.slice(0, 4)];
}"""

HEADER_ROWS = """() => {
  // How many rows: boxes that share no horizontal line with the previous row start a new one.
  const rows = (els) => {
    let count = 0, bottom = -1;
    for (const box of els.map(e => e.getBoundingClientRect()).filter(b => b.height)
                         .sort((a, b) => a.top - b.top)) {
      if (box.top >= bottom) { count += 1; bottom = box.bottom; }
      else bottom = Math.max(bottom, box.bottom);
    }
    return count;
  };
  const header = rows([...document.querySelectorAll('.page-header__inner > *')]);
  const nav = rows([...document.querySelectorAll('.main-nav li')]);
  return Math.max(header, nav);
}"""

RAW_CHOICES = r"""() => {
  const raw = /^[a-z]+(_[a-z]+)*$/;
  const found = [];
  for (const option of document.querySelectorAll('option')) {
    const text = option.textContent.trim();
    if (option.value && text === option.value && raw.test(text)) found.push(text);
  }
  for (const input of document.querySelectorAll('input[type=radio], input[type=checkbox]')) {
    const label = input.labels && input.labels[0] ? input.labels[0].textContent.trim() : '';
    if (input.value && label === input.value && raw.test(label)) found.push(label);
  }
  return found;
}"""


@pytest.mark.django_db(transaction=True)
def test_every_page_reflows_at_320_px_keeps_one_header_row_and_has_help(page):
    call_command("load_demo_data", verbosity=0)
    problems, checked = [], 0
    for username in ROLES:
        page.context.clear_cookies()
        page.set_viewport_size({"width": 1280, "height": 800})
        login(page, username, settings.CASUSREGIE_DEMO_PASSWORD)
        page.get_by_role("heading", name="Welkom", exact=False).wait_for()
        for pattern, url in crawl(page):
            checked += 1
            where = f"{username} {url} [{pattern}]"
            page.set_viewport_size({"width": 1280, "height": 800})
            rows = page.evaluate(HEADER_ROWS)
            if rows > 1:
                problems.append(f"{where}: header wraps into {rows} rows at 1280 px")
            page.set_viewport_size({"width": 320, "height": 640})
            scroll_width, culprits = page.evaluate(OVERFLOW)
            if scroll_width > 320:
                problems.append(f"{where}: {scroll_width} px wide at 320 px: {culprits}")
            help_links = page.locator("a.help-link")
            if help_links.count() != 1 or not help_links.get_attribute("href").startswith("/help/"):
                problems.append(f"{where}: no help link")
            raw = page.evaluate(RAW_CHOICES)
            if raw:
                problems.append(f"{where}: choices labelled with identifiers {raw}")
    assert checked >= 30, checked
    assert not problems, "\n".join(problems)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_bar_of_the_managers_charts_has_width(page, language):
    call_command("load_demo_data", verbosity=0)
    login(page, "manager", settings.CASUSREGIE_DEMO_PASSWORD)
    if language == "en":
        page.locator("#language-select").select_option("en")
        page.get_by_role("button", name="Wissel taal").click()
        page.wait_for_load_state()
    page.goto("/overview/manager/")
    assert page.locator("html").get_attribute("lang") == language
    bars = page.eval_on_selector_all(
        "rect.chart__bar",
        "els => els.map(e => [e.getBBox().width, e.parentElement.textContent.trim()])",
    )
    assert bars, "no bars drawn"
    empty = [label for width, label in bars if width <= 0 and not label.endswith(" 0")]
    assert not empty, empty
