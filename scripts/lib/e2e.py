"""Real-browser test of the dashboard card (run by ``scripts/e2e`` in the develop venv).

Starts the newest Home Assistant with this working tree's integration in a temporary
config, onboards it through the REST API, adds a person (on a treadmill without
handrails, so a start warns) with the config flow, saves a dashboard holding the card,
and drives Debian's Chromium with Playwright:

- before a start: the verdict, what Start runs (the Next session sensor's length, speed
  and program) and the steppers that change it for this start;
- during a session: remaining and elapsed time move each second, distance, steps and
  energy move between state writes, +5 min extends, one click on Stop only asks, every
  button is at least 48 px, no two texts overlap at 900 and 390 px, pause and resume,
  refusals, keyboard focus, the clock skew rules;
- after it: the summary, the recorded session (more than ``MIN_RECORDED_S``), and a
  too-short session reported as not saved on the card and in its event;
- German (decimal commas, German texts and entity names) and US customary units (mph,
  mi on the entities and the card), switched at runtime;
- the README's built-in-cards example.

Screenshots of the card (light, dark, 390 px running/paused/summary, German, US) and
of the device page (metric, German) go to ``--out``.
"""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Callable
import contextlib
from datetime import datetime, timedelta
import itertools
import json
import os
from pathlib import Path
import re
import shutil
import sys
import tempfile
import time
import traceback
from typing import Any, Literal
from urllib.parse import quote

import aiohttp
from live_ha import (
    ROOT,
    STARTED,
    WALKING_OPTIONS,
    CheckError,
    Client,
    HomeAssistant,
    Socket,
    add_person,
    check,
    free_port,
    onboard,
    person_entities,
    running,
    state,
    step,
    wait_for,
    write_config,
    write_junit,
)
from playwright.async_api import (
    Browser,
    Page,
    TimeoutError as PlaywrightTimeoutError,
    async_playwright,
)
import yaml

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
WALK_S = 62
"""Walking before the stop: more than MIN_RECORDED_S (60 s), so the session is recorded."""
NO_TIME = "–:––"
NO_HANDRAILS = "The treadmill has no handrails"
"""The English text of the reason code ``no_handrails`` (strings.json)."""
UI_TIMEOUT_MS = 15_000
"""How long the card may take to show news (a loaded 2-CPU CI machine)."""
MAX_SKEW_MS = 5000
"""Browser and server share a clock here: the card's skew estimate must be near 0."""
DASHBOARD = "retrowalk-e2e"
README = ROOT / "README.md"
BUILTIN_MARKER = "<!-- e2e: built-in dashboard"
SCHEMES: tuple[Literal["light", "dark"], ...] = ("light", "dark")
OWNER_PERSON = "person.e2e_owner"
"""The person onboarding made for the owner (``onboard``'s user): Alex is linked to it."""
PERSON = {"name": "Alex", "level": "regular", "linked_person": OWNER_PERSON}
# A start warns: "no_handrails".
WALKING = {**WALKING_OPTIONS, "surface": "treadmill_no_handrails"}
CONSOLE: list[str] = []


async def open_dashboard(browser: Browser, base: str, tokens: dict[str, Any]) -> Page:
    """A logged-in page on the default dashboard: the frontend reads ``hassTokens``."""
    stored = {
        "access_token": tokens["access_token"],
        "refresh_token": tokens["refresh_token"],
        "token_type": "Bearer",
        "expires_in": tokens["expires_in"],
        "hassUrl": base,
        "clientId": tokens["client_id"],
    }
    # The browser in the server's time zone, as a user's at home would be.
    page = await browser.new_page(
        viewport={"width": 900, "height": 900}, timezone_id=tokens["time_zone"]
    )
    await page.add_init_script(
        "const tokens = " + json.dumps(stored) + ";"
        "tokens.expires = Date.now() + tokens.expires_in * 1000;"
        "window.localStorage.setItem('hassTokens', JSON.stringify(tokens));"
    )
    await page.emulate_media(color_scheme="light")
    page.on(
        "console", lambda message: CONSOLE.append(f"{message.type}: {message.text}")
    )
    page.on("pageerror", lambda error: CONSOLE.append(f"page error: {error}"))
    await page.goto(f"{base}/{DASHBOARD}/0")
    return page


EDITOR_PROBE = """async (deviceId) => {
  const hass = document.querySelector("home-assistant").hass;
  const Card = customElements.get("retrowalk-card");
  const made = (config) => {
    const card = document.createElement("retrowalk-card");
    card.setConfig(config);
    card.hass = hass;
    return card.shadowRoot.textContent.trim();
  };
  const editor = Card.getConfigElement();
  editor.setConfig({ type: "custom:retrowalk-card" });
  editor.hass = hass;
  const changed = new Promise((resolve) =>
    editor.addEventListener("config-changed", (event) => resolve(event.detail.config)));
  document.body.appendChild(editor);
  await Promise.race([
    customElements.whenDefined("ha-form"),
    new Promise((resolve) => setTimeout(resolve, 10000)),
  ]);
  const form = editor.querySelector("ha-form");
  form.dispatchEvent(new CustomEvent("value-changed", { detail: { value: { device: deviceId } } }));
  const config = await changed;
  editor.remove();
  return {
    picker: (window.customCards || []).some((card) => card.type === "retrowalk-card"),
    stub: Card.getStubConfig(hass).device,
    haForm: Boolean(customElements.get("ha-form")),
    selector: form.schema[0].selector,
    edited: config.device,
    required: Boolean(form.schema[0].required),
    missing: made({ device: "no-such-device" }),
    // No device: the person linked to the logged-in user, here Alex.
    unset: made({}),
    // Someone who is nobody's user is asked to choose.
    stranger: (() => {
      const card = document.createElement("retrowalk-card");
      card.setConfig({});
      card.hass = { ...hass, user: { ...hass.user, id: "someone-else" } };
      return card.shadowRoot.textContent.trim();
    })(),
  };
}"""


async def check_editor_and_messages(page: Page, device_id: str) -> None:
    """Card picker entry, stub config, visual editor, and the missing-entities messages."""
    probe = await page.evaluate(EDITOR_PROBE, device_id)
    check(
        probe["picker"],
        "the card is not offered in the card picker (window.customCards)",
    )
    check(
        probe["stub"] is None,
        f"a new card should follow the logged-in user's person: {probe['stub']}",
    )
    check(probe["haForm"], "the editor could not load ha-form")
    check(
        probe["selector"] == {"device": {"filter": {"integration": "retrowalk"}}},
        f"editor selector: {probe['selector']}",
    )
    check(probe["edited"] == device_id, f"the editor did not emit the device: {probe}")
    check(
        "not found" in probe["missing"], f"unknown device message: {probe['missing']!r}"
    )
    check(not probe["required"], "the editor should allow no device")
    check(
        "Alex" in probe["unset"] and "Start" in probe["unset"],
        f"a card with no device should show the user's person: {probe['unset']!r}",
    )
    check(
        "Choose a person" in probe["stranger"],
        f"no device, no linked user: {probe['stranger']!r}",
    )
    step(
        "card picker entry, stub config, visual editor and missing-entity messages"
        " work; a card with no device shows the logged-in user's person (Alex)"
    )


async def device_entities(client: Client, device_id: str) -> set[str]:
    """Every entity id of the person's device (a sensor and a number share a key)."""
    return {
        item["entity_id"]
        for item in await client.ws("config/entity_registry/list")
        if item["device_id"] == device_id
    }


STATISTICS_MARKER = "<!-- e2e: statistics graph"
README_ENTRY_ID = "01JC3Z8Q4M7W2T6Y9B5N1X0RKA"
"""The config entry id the README's examples use."""


def readme_yaml(marker: str, what: str) -> str:
    """The first YAML block after ``marker`` in the README."""
    text = README.read_text()
    check(marker in text, f"README.md lost the {what}")
    return text.split(marker, 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]


def builtin_cards(known: set[str]) -> dict[str, Any]:
    """The README's built-in-cards example; every entity id in it must exist."""
    block = readme_yaml(BUILTIN_MARKER, "built-in dashboard example")
    named = set(re.findall(r"\b[a-z_]+\.alex_\w+", block))  # the person is Alex
    check(
        len(named) >= 10, f"README's built-in example names too few entities: {named}"
    )
    unknown = named - known
    check(not unknown, f"README's built-in example names unknown entities: {unknown}")
    config: dict[str, Any] = yaml.safe_load(block)
    return config


async def check_builtin_view(page: Page, base: str, out: Path) -> None:
    """The README's built-in cards render without an error card."""
    await page.goto(f"{base}/{DASHBOARD}/1")
    await page.locator("hui-tile-card").first.wait_for(timeout=30_000)
    await page.locator("hui-entities-card").first.wait_for(timeout=30_000)
    errors = await page.locator("hui-error-card").count()
    check(errors == 0, f"the built-in-cards example shows {errors} error card(s)")
    await page.wait_for_timeout(1500)  # let the reloaded app settle for the picture
    await page.screenshot(path=out / "builtin-light.png")
    step("the README's built-in-cards example renders without errors")


async def card_text(page: Page, role: str) -> str:
    """Text of an element of the card, found by its ``data-role``."""
    text: str = await page.locator(f"retrowalk-card [data-role='{role}']").inner_text()
    return text.strip()


async def screenshot(
    page: Page, folder: Path, scheme: Literal["light", "dark"]
) -> Path:
    """The card in the light or dark theme (the frontend follows the colour scheme)."""
    await page.emulate_media(color_scheme=scheme)
    await page.wait_for_timeout(800)
    path = folder / f"card-{scheme}.png"
    await page.locator("retrowalk-card ha-card").screenshot(path=path)
    return path


async def focused_action(page: Page) -> str | None:
    """The ``data-action`` of the card's focused button, if one has focus."""
    action: str | None = await page.locator("retrowalk-card").evaluate(
        "card => card.shadowRoot.activeElement?.dataset?.action ?? null"
    )
    return action


async def wait_focus(page: Page, action: str, after: str) -> None:
    """Wait until the ``action`` button is enabled (the reply came) and has the focus."""
    await page.locator(
        f"retrowalk-card button[data-action='{action}']:not([disabled])"
    ).wait_for(timeout=UI_TIMEOUT_MS)
    card = await page.locator("retrowalk-card").element_handle()
    try:
        await page.wait_for_function(
            "([card, action]) => card.shadowRoot.activeElement?.dataset?.action === action",
            arg=[card, action],
            timeout=UI_TIMEOUT_MS,
        )
    except PlaywrightTimeoutError:
        focus = await focused_action(page)
        raise CheckError(f"{after} the focus is on {focus!r}, not {action}") from None


async def card_text_until(
    page: Page, role: str, accept: Callable[[str], bool], what: str
) -> str:
    """Poll a card text (by ``data-role``) until ``accept`` takes it."""

    async def probe() -> str | None:
        text = await card_text(page, role)
        return text if accept(text) else None

    return await wait_for(probe, what, UI_TIMEOUT_MS / 1000)


CARD_RULES_PROBE = """async (card) => {
  // The clock skew estimate: replays and late deliveries give no samples.
  const Skew = card._skew.constructor;
  const skew = new Skew(3, 2000);
  const t0 = Date.parse("2025-01-01T00:00:00Z");
  const at = (ms) => [{ entity_id: "sensor.x", last_updated: new Date(t0 + ms).toISOString() }];
  skew.observe(at(0), t0 + 600000); // first sighting: hours old, maybe
  const firstSighting = skew._recent.length;
  skew.observe(at(1000), t0 + 1100); // live, 100 ms
  skew.observe(at(2000), t0 + 9000); // 7 s late: a slow delivery
  const late = [skew.offset, skew._recent.length];
  skew.resync();
  skew.observe(at(3000), t0 + 400000); // the replay after an absence
  skew.observe(at(4000), t0 + 400000, false); // a hidden tab
  const absent = skew._recent.length;
  for (const ms of [5000, 6000, 7000]) skew.observe(at(ms), t0 + ms + 60050); // clock set on
  const moved = skew.offset;
  // A refusal stays for redraws, goes with a new verdict or the next click.
  const hass = card.hass;
  const probe = document.createElement("retrowalk-card");
  probe.setConfig(card._config);
  probe.hass = hass;
  const person = probe._person();
  const refuse = () => { probe._error = { id: 1, text: "no", key: probe._errorKey(probe._person()) }; };
  refuse();
  probe.hass = { ...hass };
  const kept = Boolean(probe._error);
  const safeId = person.ids["binary_sensor.safe_to_start"];
  const safe = hass.states[safeId];
  const reasons = [...safe.attributes.reasons, "too_dark"];
  probe.hass = { ...hass, states: { ...hass.states,
    [safeId]: { ...safe, attributes: { ...safe.attributes, reasons } } } };
  const verdictClears = !probe._error;
  probe.hass = hass;
  refuse();
  let release;
  probe.hass = { ...hass, callService: () => new Promise((resolve) => { release = resolve; }) };
  const call = probe._call("stop");
  const clickClears = !probe._error;
  release({});
  await call;
  probe.hass = { ...hass, connected: false };
  probe.hass = { ...hass, connected: true };
  const reconnect = probe._skew._resync;
  // Pace instead of speed (the card's option): min per km or mi.
  probe.setConfig({ ...card._config, pace: true });
  const speed = (value, unit) => ({ state: value, attributes: { unit_of_measurement: unit } });
  const pace = [probe._speedText(speed("3.0", "km/h"), false), probe._speedText(speed("2.5", "mph"), false),
    probe._speedText(speed("3.0", "km/h"), true)];
  return { firstSighting, late, absent, moved, kept, verdictClears, clickClears, reconnect, pace };
}"""


async def check_card_rules(page: Page) -> None:
    """The card's clock skew and refusal rules, on a detached copy in the real page."""
    probe = await page.locator("retrowalk-card").evaluate(CARD_RULES_PROBE)
    expected = {
        "firstSighting": 0,
        "late": [100, 1],
        "absent": 1,
        "moved": 60050,
        "kept": True,
        "verdictClears": True,
        "clickClears": True,
        "reconnect": True,
        "pace": ["20:00 /km", "24:00 /mi", "–"],
    }
    check(probe == expected, f"the card's rules: {probe}, expected {expected}")
    step(
        "clock skew skips replays, hidden tabs and late deliveries (follows a reset"
        " clock); a refusal goes with a new verdict or the next click; the pace"
        " option shows min/km and min/mi"
    )


async def check_refusal(page: Page) -> None:
    """A refused action (resume while walking) shows its message in an alert region."""
    await page.locator("retrowalk-card").evaluate("card => card._call('resume')")
    error = page.locator("retrowalk-card [data-role='error']")
    await error.wait_for(timeout=UI_TIMEOUT_MS)
    text = (await error.inner_text()).strip()
    check("is not paused" in text, f"the refusal's message is not shown: {text!r}")
    check(
        await page.locator("retrowalk-card [role='alert'] [data-role='error']").count()
        == 1,
        "the error is not in the card's alert region",
    )
    step(f"a refused action shows its message: {text!r}")


async def check_pause(
    client: Client, page: Page, ids: dict[str, str], out: Path
) -> float:
    """Pause, then resume in the card; returns how long the pause took.

    Paused, the countdown freezes, the earlier refusal goes away (the click) and the
    keyboard focus moves to resume; resumed, the countdown runs again.
    """
    paused_at = time.monotonic()
    await page.locator("retrowalk-card button[data-action='pause']").click()
    await page.locator("retrowalk-card [data-role='error']").wait_for(
        state="detached", timeout=UI_TIMEOUT_MS
    )

    async def paused() -> bool:
        session = await state(client, ids["session"])
        return bool(session["attributes"].get("phase") == "paused")

    await wait_for(paused, "the phase to become paused", 10)
    await wait_focus(page, "resume", "after pausing")
    frozen = await card_text(page, "time")
    await check_no_overlap(page, "paused, 390 px")
    await card_shot(page, out, "card-390-paused.png")
    await page.set_viewport_size({"width": 900, "height": 900})
    await themed_shots(page, out, "paused")
    await page.set_viewport_size({"width": 390, "height": 844})
    await page.wait_for_timeout(1000)
    check(
        await card_text(page, "time") == frozen,
        f"the countdown moved while paused (from {frozen})",
    )
    await page.locator("retrowalk-card button[data-action='resume']").click()

    async def resumed() -> bool:
        session = await state(client, ids["session"])
        return bool(session["attributes"].get("finishes_at"))

    await wait_for(resumed, "the session to resume", 10)
    await wait_focus(page, "pause", "after resuming")
    await card_text_until(
        page, "time", lambda text: text != frozen, "the countdown to run again"
    )
    step(
        f"pause freezes the countdown at {frozen} and clears the refusal; resume runs it"
        " again; the focus follows the buttons"
    )
    return time.monotonic() - paused_at


OVERLAP_PROBE = """(card) => {
  // Every text node's line boxes; two texts must not overlap, none may leave the card.
  const root = card.shadowRoot;
  const box = root.querySelector("ha-card").getBoundingClientRect();
  const texts = [];
  const walk = (node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE && child.textContent.trim()) {
        const range = document.createRange();
        range.selectNodeContents(child);
        const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
        if (rects.length) texts.push({ text: child.textContent.trim(), rects });
      } else if (child.nodeType === Node.ELEMENT_NODE && child.tagName !== "STYLE") {
        walk(child);
      }
    }
  };
  walk(root);
  const problems = [];
  const cross = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1
    && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
  for (const [i, a] of texts.entries()) {
    for (const r of a.rects) {
      if (r.left < box.left - 1 || r.right > box.right + 1) problems.push(`${a.text} leaves the card`);
    }
    for (const b of texts.slice(i + 1)) {
      if (a.rects.some((r) => b.rects.some((q) => cross(r, q)))) problems.push(`${a.text} / ${b.text}`);
    }
  }
  return { count: texts.length, width: box.width, problems };
}"""


async def check_no_overlap(page: Page, what: str) -> None:
    """No two texts of the card overlap and none runs out of it (bounding boxes)."""
    await page.wait_for_timeout(500)  # the dashboard lays the card out anew
    probe = await page.locator("retrowalk-card").evaluate(OVERLAP_PROBE)
    check(probe["width"] >= 300, f"{what}: the card is only {probe['width']} px wide")
    check(probe["count"] >= 5, f"{what}: too few texts measured: {probe}")
    check(not probe["problems"], f"{what}: overlapping texts {probe['problems']}")
    step(
        f"{what}: {probe['count']} texts, none overlaps ({probe['width']:.0f} px card)"
    )


async def card_shot(page: Page, out: Path, name: str) -> None:
    """A screenshot of the card alone."""
    await page.wait_for_timeout(300)
    await page.locator("retrowalk-card ha-card").screenshot(path=out / name)
    step(f"screenshot {out / name}")


async def themed_shots(page: Page, out: Path, what: str) -> None:
    """The card in the light and the dark theme: ``card-<scheme>-<what>.png``."""
    for scheme in SCHEMES:
        await page.emulate_media(color_scheme=scheme)
        await page.wait_for_timeout(500)
        await card_shot(page, out, f"card-{scheme}-{what}.png")
    await page.emulate_media(color_scheme="light")


async def click(page: Page, action: str, field: str | None = None) -> None:
    """Click a card button by its action (and field, for a stepper)."""
    extra = f"[data-field='{field}']" if field else ""
    await page.locator(
        f"retrowalk-card button[data-action='{action}']{extra}:not([disabled])"
    ).click()


async def check_plan(client: Client, page: Page, ids: dict[str, str]) -> None:
    """Before a start the card says what Start runs, and its steppers change this start."""
    next_state = await state(client, ids["session"])
    minutes = next_state["attributes"]["duration_min"]
    text = await card_text(page, "plan-duration")
    check(text == f"{minutes} min", f"the card's length {text!r}, the plan's {minutes}")
    speed = await card_text(page, "plan-speed")
    check(
        speed == next_state["attributes"]["speed"],
        f"the card's speed {speed!r}, the session switch's"
        f" {next_state['attributes']['speed']!r}",
    )
    program = await card_text(page, "plan-program")
    check(bool(program), "the card does not name the program")
    await click(page, "more", "duration")
    longer = await card_text_until(
        page, "plan-duration", lambda t: t != text, "the length to change"
    )

    async def overridden() -> dict[str, Any] | None:
        found = await state(client, ids["session"])
        return found if found["attributes"]["overridden"] else None

    changed = await wait_for(overridden, "the one-start override", 10)
    check(
        changed["attributes"]["duration_min"] > minutes,
        f"the next start did not follow the card: {changed['attributes']}",
    )
    await card_text_until(
        page, "next", lambda t: "changed for this start" in t, "the override note"
    )
    await click(page, "less", "duration")
    await card_text_until(
        page, "plan-duration", lambda t: t == text, "the length to go back"
    )
    step(
        f"before the start the card shows what Start runs ({text}, {speed}, {program});"
        f" + makes it {longer} for this start (the sensor follows), − goes back"
    )


async def figures(page: Page) -> dict[str, str]:
    """The card's moving texts at once."""
    values: dict[str, str] = await page.locator("retrowalk-card").evaluate(
        """card => Object.fromEntries(["time", "elapsed", "distance", "steps", "energy",
             "phase-name", "phase-left", "speed"].map((role) => [role,
             card.shadowRoot.querySelector(`[data-role="${role}"]`)?.textContent ?? ""]))"""
    )
    return values


async def check_live_figures(client: Client, page: Page, ids: dict[str, str]) -> None:
    """Elapsed and remaining move each second; distance, steps and energy between writes."""
    before = {key: await state(client, ids[key]) for key in ("distance", "energy")}
    first = await figures(page)
    samples = [first]
    for _ in range(3):
        await page.wait_for_timeout(1050)
        samples.append(await figures(page))
    after = {key: await state(client, ids[key]) for key in ("distance", "energy")}
    for key in ("time", "elapsed"):
        values = [sample[key] for sample in samples]
        check(
            all(a != b for a, b in itertools.pairwise(values)),
            f"{key} did not move each second: {values}",
        )
    written = [
        key
        for key in before
        if before[key]["last_updated"] != after[key]["last_updated"]
    ]
    check(not written, f"a state write came in between, sample again: {written}")
    for key in ("distance", "energy", "steps"):
        check(
            samples[0][key] != samples[-1][key],
            f"{key} did not move between state writes: {samples[0][key]} → {samples[-1][key]}",
        )
    check(bool(first["phase-name"]), f"no phase shown: {first}")
    last = samples[-1]
    step(
        "each second, with no state write: remaining "
        f"{first['time']} → {last['time']}, elapsed {first['elapsed']} → {last['elapsed']},"
        f" distance {first['distance']} → {last['distance']}, energy {first['energy']} →"
        f" {last['energy']}, steps {first['steps']} → {last['steps']}; phase"
        f" {first['phase-name']} ({first['phase-left']})"
    )


async def check_extend(client: Client, page: Page, ids: dict[str, str]) -> None:
    """+5 min lengthens the session by five minutes."""
    before = (await state(client, ids["session"]))["attributes"]["duration"]
    await click(page, "extend")

    async def extended() -> str | None:
        after: str = (await state(client, ids["session"]))["attributes"]["duration"]
        return after if after != before else None

    after = await wait_for(extended, "the session to grow", 10)
    grown = sum(
        int(x) * f for x, f in zip(after.split(":"), (3600, 60, 1), strict=True)
    )
    was = sum(int(x) * f for x, f in zip(before.split(":"), (3600, 60, 1), strict=True))
    check(grown - was == 300, f"+5 min made {before} into {after}")
    await wait_focus(page, "extend", "after +5 min")
    step(f"+5 min: the session's length {before} → {after}")


async def check_stop_asks(client: Client, page: Page, ids: dict[str, str]) -> None:
    """One click on Stop does not stop: it asks; Keep walking goes back."""
    await click(page, "stop")
    await page.locator("retrowalk-card [data-role='stop-ask']").wait_for(
        timeout=UI_TIMEOUT_MS
    )
    await page.wait_for_timeout(1000)
    session = await state(client, ids["session"])
    check(session["state"] == "on", "one click on Stop stopped the session")
    sizes: list[list[float]] = await page.locator("retrowalk-card").evaluate(
        """card => [...card.shadowRoot.querySelectorAll("button")].map((b) => {
             const r = b.getBoundingClientRect(); return [r.width, r.height]; })"""
    )
    check(
        all(w >= 48 and h >= 48 for w, h in sizes),
        f"a button is smaller than 48 px: {sizes}",
    )
    await click(page, "keep")
    await page.locator("retrowalk-card button[data-action='stop']").wait_for(
        timeout=UI_TIMEOUT_MS
    )
    check(
        (await state(client, ids["session"]))["state"] == "on", "Keep walking stopped"
    )
    step(
        "one click on Stop only asks (the session runs on); Keep walking goes back;"
        f" every button is at least 48 × 48 px ({len(sizes)} buttons)"
    )


async def stop_in_card(client: Client, page: Page, ids: dict[str, str]) -> None:
    """Stop, then Stop now: the session ends."""
    await click(page, "stop")
    await click(page, "stop-now")

    async def stopped() -> bool:
        return bool((await state(client, ids["session"]))["state"] == "off")

    await wait_for(stopped, "the session switch to turn off", 10)


async def check_summary(page: Page, saved: bool) -> str:
    """The summary shows after a stop; says whether the session was saved."""
    summary = page.locator("retrowalk-card [data-role='summary']")
    await summary.wait_for(timeout=UI_TIMEOUT_MS)
    shown = await summary.get_attribute("data-saved")
    check(shown == str(saved).lower(), f"the summary says saved={shown}, not {saved}")
    return " / ".join((await summary.inner_text()).split("\n"))


async def run_browser_checks(
    client: Client,
    browser: Browser,
    tokens: dict[str, Any],
    device_id: str,
    ids: dict[str, str],
    out: Path,
) -> None:
    """Plan, start, live figures, +5 min, Stop asks, summary, screenshots at 900 and 390 px."""
    page = await open_dashboard(browser, client.base, tokens)
    try:
        await page.locator("retrowalk-card ha-card").wait_for(timeout=60_000)
        step("dashboard open: the card is rendered")
        await check_editor_and_messages(page, device_id)
        check(
            await page.locator("retrowalk-card [data-role='time']").count() == 0,
            "no countdown before a start",
        )
        verdict = await card_text_until(
            page,
            "safety",
            lambda text: "Start with care" in text and NO_HANDRAILS in text,
            "the verdict 'Start with care' (no handrails) before the start",
        )
        step(f"verdict before the start: {' / '.join(verdict.splitlines())}")
        await check_plan(client, page, ids)
        await card_shot(page, out, "card-ready-light.png")
        await check_card_rules(page)
        await click(page, "start")

        async def started() -> dict[str, Any] | None:
            session = await state(client, ids["session"])
            return session if session["state"] == "on" else None

        session = await wait_for(started, "the session switch to turn on", 10)
        walking_since = time.monotonic()
        step(f"started from the card: ends {session['attributes']['finishes_at']}")
        note = page.locator(
            "retrowalk-card [role='status'] [data-role='start-warning']"
        )
        await note.wait_for(timeout=UI_TIMEOUT_MS)
        note_text = (await note.inner_text()).strip()
        check(NO_HANDRAILS in note_text, f"the start's warning note: {note_text!r}")
        notes = await client.ws("persistent_notification/get")
        check(
            not [n for n in notes if n["notification_id"].startswith("retrowalk_")],
            f"the card acknowledged the warnings, yet a notification was made: {notes}",
        )
        step("the start's warnings show in the card, not as a notification")
        await card_text_until(
            page, "time", lambda text: text != NO_TIME, "the countdown to show a time"
        )
        await check_live_figures(client, page, ids)

        async def measured() -> list[float] | None:
            skew: list[float] = await page.locator("retrowalk-card").evaluate(
                "card => [card._skew.offset, card._skew._recent.length]"
            )
            return skew if skew[1] >= 1 else None

        skew = await wait_for(measured, "a live update for the clock skew", 15)
        check(
            abs(skew[0]) < MAX_SKEW_MS,
            f"the card's clock skew estimate (ms, samples): {skew}",
        )
        step(f"clock skew estimate {skew[0]} ms from {skew[1]} live update(s)")
        await check_extend(client, page, ids)
        for scheme in SCHEMES:
            step(f"screenshot {await screenshot(page, out, scheme)}")
        await page.emulate_media(color_scheme="light")
        await check_no_overlap(page, "running, 900 px")
        await check_stop_asks(client, page, ids)
        await page.set_viewport_size({"width": 390, "height": 844})
        await check_no_overlap(page, "running, 390 px")
        await card_shot(page, out, "card-390-running.png")
        await check_refusal(page)
        paused_s = await check_pause(client, page, ids, out)

        remaining = WALK_S + paused_s - (time.monotonic() - walking_since)
        step(f"walking {remaining:.0f} s more (sessions under 60 s are not recorded)")
        await asyncio.sleep(max(0.0, remaining))
        await stop_in_card(client, page, ids)
        await note.wait_for(state="detached", timeout=UI_TIMEOUT_MS)
        summary = await check_summary(page, saved=True)
        await check_no_overlap(page, "summary, 390 px")
        await card_shot(page, out, "card-390-summary.png")
        await page.set_viewport_size({"width": 900, "height": 900})
        await themed_shots(page, out, "summary")
        step(f"stopped with Stop, Stop now: the summary shows: {summary}")
    except BaseException:
        with contextlib.suppress(Exception):
            await page.screenshot(path=out / "failure.png", full_page=True)
            step(f"page at the failure: {out / 'failure.png'} ({page.url})")
        print("--- browser console ---", *CONSOLE[-30:], sep="\n")
        raise
    await page.close()


async def set_language(client: Client, language: str) -> None:
    """The user's language (the frontend) and the server's (entity names)."""
    await client.ws("config/core/update", language=language)
    await client.ws(
        "frontend/set_user_data",
        key="language",
        value={"language": language, "number_format": "language"},
    )


async def device_shot(page: Page, base: str, device_id: str, path: Path) -> None:
    """The person's device page, as Home Assistant shows it."""
    await page.set_viewport_size({"width": 1100, "height": 1500})
    await page.goto(f"{base}/config/devices/device/{device_id}")
    await page.locator("ha-config-device-page").wait_for(timeout=30_000)
    await page.wait_for_timeout(2500)  # the cards of the page fill in
    await page.screenshot(path=path)
    await page.set_viewport_size({"width": 900, "height": 900})
    step(f"screenshot {path}")


async def open_card(page: Page, base: str) -> None:
    """The dashboard with the card, (re)loaded."""
    await page.goto(f"{base}/{DASHBOARD}/0")
    await page.locator("retrowalk-card ha-card").wait_for(timeout=30_000)


async def check_logbook(
    client: Client, page: Page, device_id: str, events: Socket, out: Path
) -> None:
    """The first session in the logbook: its sentences and the switch, nothing raw."""
    session = [e for e in events.events if e["event_type"] == "retrowalk_session"]
    kinds = [event["data"]["type"] for event in session]
    check(kinds[0] == "started" and kinds[-1] == "stopped", f"the events: {kinds}")
    # From the start on (the card's steppers changed the length just before it).
    begin = datetime.fromisoformat(session[0]["time_fired"]) - timedelta(seconds=0.1)
    end = datetime.fromisoformat(session[-1]["time_fired"]) + timedelta(seconds=2)
    lines: list[dict[str, Any]] = await client.ws(
        "logbook/get_events",
        start_time=begin.isoformat(),
        end_time=end.isoformat(),
        entity_ids=sorted(await device_entities(client, device_id)),
        device_ids=[device_id],
    )
    # The safety reminders have their own lines (the event entity's).
    lines = [
        line for line in lines if not line.get("entity_id", "").startswith("event.")
    ]
    sentences = [line["message"] for line in lines if line.get("domain") == "retrowalk"]
    changed = [line["entity_id"] for line in lines if "state" in line]
    check(len(sentences) == len(kinds), f"one sentence per event {kinds}: {sentences}")
    check(
        changed == [changed[0]] * 2 and changed[0].startswith("switch."),
        f"state lines besides the session switch's on and off: {lines}",
    )
    check(len(lines) == len(kinds) + 2, f"the session's logbook lines: {lines}")
    await page.set_viewport_size({"width": 900, "height": 700})
    query = f"start_date={quote(begin.isoformat())}&end_date={quote(end.isoformat())}"
    await page.goto(f"{client.base}/logbook?{query}")
    await page.get_by_text(sentences[-1][:30]).first.wait_for(timeout=30_000)
    await page.wait_for_timeout(1000)
    await page.screenshot(path=out / "logbook.png")
    step(
        f"logbook of the session ({', '.join(kinds)}): {len(lines)} lines,"
        f" {len(sentences)} sentences and the switch's on and off; screenshot"
        f" {out / 'logbook.png'}"
    )


def statistics_card(entry_id: str) -> dict[str, Any]:
    """The README's statistics graph: the person's minutes per day, as bars."""
    block = readme_yaml(STATISTICS_MARKER, "statistics graph example")
    config: dict[str, Any] = yaml.safe_load(
        block.replace(README_ENTRY_ID.lower(), entry_id.lower())
    )
    return config


async def check_statistics(
    client: Client, page: Page, entry_id: str, out: Path
) -> None:
    """The recorder has the person's minutes; the statistics graph draws them."""
    statistic = f"retrowalk:minutes_{entry_id.lower()}"

    async def written() -> list[dict[str, Any]] | None:
        found: dict[str, list[dict[str, Any]]] = await client.ws(
            "recorder/statistics_during_period",
            start_time="2000-01-01T00:00:00+00:00",
            statistic_ids=[statistic],
            period="day",
            types=["change"],
        )
        return found.get(statistic) or None

    rows = await wait_for(written, "the minutes in the long-term statistics", 30)
    minutes = sum(row["change"] or 0 for row in rows)
    check(minutes > 1, f"the statistics count {minutes} minutes: {rows}")
    await page.set_viewport_size({"width": 900, "height": 700})
    await page.goto(f"{client.base}/{DASHBOARD}/2")
    card = page.locator("hui-statistics-graph-card")
    await card.wait_for(timeout=30_000)
    await card.locator("ha-chart-base, statistics-chart").first.wait_for(timeout=30_000)
    await page.wait_for_timeout(2500)  # the chart draws
    shown = await card.inner_text()
    check(
        "No statistics" not in shown and "disabled" not in shown,
        f"the statistics graph shows no chart: {shown!r}",
    )
    check(
        await card.locator("canvas, svg").count() > 0,
        f"the statistics graph drew nothing: {shown!r}",
    )
    await card.screenshot(path=out / "statistics.png")
    step(f"statistics: {minutes:.1f} minutes today, drawn by the statistics graph card")


async def run_locale_checks(
    client: Client,
    browser: Browser,
    tokens: dict[str, Any],
    device_id: str,
    ids: dict[str, str],
    out: Path,
    events: Socket,
    entry_id: str,
) -> None:
    """A too-short session says it is not saved; German texts and commas; US units."""
    page = await open_dashboard(browser, client.base, tokens)
    try:
        await page.locator("retrowalk-card [data-role='summary']").wait_for(
            timeout=60_000
        )
        await click(page, "done")
        await page.locator("retrowalk-card [data-role='plan-duration']").wait_for(
            timeout=UI_TIMEOUT_MS
        )
        step("Done closes the summary; the card shows what Start runs")
        await check_logbook(client, page, device_id, events, out)
        await check_statistics(client, page, entry_id, out)
        await device_shot(page, client.base, device_id, out / "device-metric.png")
        await open_card(page, client.base)
        await click(page, "start")
        await card_text_until(
            page, "time", lambda text: text != NO_TIME, "the countdown to show a time"
        )
        await page.wait_for_timeout(2000)
        await stop_in_card(client, page, ids)
        summary = await check_summary(page, saved=False)
        check("too short" in summary, f"the card does not say why: {summary!r}")
        session = await state(client, ids["session"])
        check(
            session["attributes"].get("reason") == "too_short",
            f"session switch attributes: {session['attributes']}",
        )
        stopped = [
            event["data"]
            for event in events.events
            if event["event_type"] == "retrowalk_session"
            and event["data"]["type"] == "stopped"
        ]
        check(
            stopped[-1]["saved"] is False and stopped[-1]["reason"] == "too_short",
            f"the event of a too-short session: {stopped[-1]}",
        )
        await card_shot(page, out, "card-not-saved.png")
        step(f"a too-short session: card {summary!r}; event saved=false, too_short")

        await set_language(client, "de")
        await open_card(page, client.base)
        german = await card_text_until(
            page,
            "summary",
            lambda text: "Nicht gespeichert" in text,
            "the German summary",
        )
        await click(page, "done")
        speed = await card_text_until(
            page, "plan-speed", lambda text: "," in text, "a decimal comma"
        )
        plan = await card_text(page, "next")
        check("Nächster Start" in plan, f"the German plan: {plan!r}")
        await card_shot(page, out, "card-de.png")
        await click(page, "start")
        await card_text_until(
            page, "time", lambda text: text != NO_TIME, "the countdown in German"
        )
        await page.wait_for_timeout(3000)  # a few seconds walked, for the picture
        await card_shot(page, out, "card-de-running.png")
        await click(page, "pause")
        await card_text_until(
            page, "phase", lambda text: "Pausiert" in text, "'Pausiert' on the card"
        )
        await card_shot(page, out, "card-de-paused.png")
        await stop_in_card(client, page, ids)
        await card_text_until(
            page,
            "summary",
            lambda text: "Nicht gespeichert" in text,
            "the German summary of a stop",
        )
        await card_shot(page, out, "card-de-summary.png")
        await click(page, "done")
        step("German: running, paused and the summary shown and photographed")
        # Entity names follow the server's language when the entities are added anew.
        await client.post(f"/api/config/config_entries/entry/{entry_id}/reload")
        await device_shot(page, client.base, device_id, out / "device-de.png")
        step(f"German: {' / '.join(german.splitlines())[:80]}…; speed {speed!r}")

        await client.ws("config/core/update", unit_system="us_customary")
        await set_language(client, "en")

        speeds = [
            item["entity_id"]
            for item in await client.ws("config/entity_registry/list")
            if item["device_id"] == device_id
            and item["entity_id"].split(".")[0] in ("sensor", "number")
            and item["unique_id"].endswith("_speed")
        ]
        watched = [*speeds, ids["distance"]]
        check(len(watched) == 3, f"the speed sensor and number: {speeds}")

        async def in_us() -> dict[str, str] | None:
            units = {
                entity_id: (await state(client, entity_id))["attributes"].get(
                    "unit_of_measurement", ""
                )
                for entity_id in watched
            }
            expected = ["mph", "mph", "mi"]
            return units if list(units.values()) == expected else None

        units = await wait_for(in_us, "the entities to show mph and mi", 15)
        await open_card(page, client.base)
        us_speed = await card_text_until(
            page, "plan-speed", lambda text: text.endswith("mph"), "mph on the card"
        )
        await card_shot(page, out, "card-us.png")
        step(f"US customary at once: entities {units}; the card's speed {us_speed!r}")
        await check_builtin_view(page, client.base, out)
    except BaseException:
        with contextlib.suppress(Exception):
            await page.screenshot(path=out / "failure.png", full_page=True)
            step(f"page at the failure: {out / 'failure.png'} ({page.url})")
        print("--- browser console ---", *CONSOLE[-30:], sep="\n")
        raise
    await page.close()


async def check_recorded(client: Client, entry_id: str, ids: dict[str, str]) -> None:
    """The stopped session is in the history, with more than a minute walked."""

    async def recorded() -> list[dict[str, Any]] | None:
        reply = await client.post(
            "/api/services/retrowalk/get_history?return_response",
            {"config_entry_id": entry_id},
        )
        sessions: list[dict[str, Any]] = reply["service_response"]["sessions"]
        return sessions or None

    sessions = await wait_for(recorded, "the session in the history", 10)
    check(len(sessions) == 1, f"expected 1 recorded session, history has {sessions}")
    record = sessions[0]
    check(record["active_s"] >= 60, f"recorded walking time is {record['active_s']} s")
    check(not record["completed"], "a stopped session must not be marked completed")

    async def counted() -> float | None:
        # The lifetime sensors are disabled for a new person; the weekly goal is on.
        value = (await state(client, ids["goal_progress"]))["state"]
        with contextlib.suppress(ValueError):
            if float(value) > 0:
                return float(value)
        return None

    progress = await wait_for(counted, "the weekly goal progress to grow", 10)
    step(
        f"recorded: {record['active_s']} s, {record['distance_m']} m, "
        f"{record['kcal']} kcal; weekly goal {progress:.0f} %"
    )


async def run(out: Path, keep: bool) -> None:
    """The whole scenario."""
    config = Path(tempfile.mkdtemp(prefix="retrowalk-e2e-"))
    hass = HomeAssistant(config, free_port())
    write_config(config, int(hass.base.rsplit(":", 1)[1]), history=True)
    out.mkdir(parents=True, exist_ok=True)
    (out / "failure.png").unlink(missing_ok=True)
    step(
        f"starting Home Assistant with the working tree's integration, config {config}"
    )
    hass.start()
    try:
        async with aiohttp.ClientSession() as session:
            client = Client(session, hass.base)
            await hass.wait_ready(session)
            tokens = await onboard(client)
            core = await client.get("/api/config")
            version = core["version"]
            tokens["time_zone"] = core["time_zone"]
            step(f"Home Assistant {version} at {hass.base}")
            step("onboarded through the API: user, core config, analytics, integration")
            entry_id = await add_person(client, PERSON, WALKING)
            device_id, ids = await person_entities(client, entry_id)
            # Until Home Assistant runs, session events wait for its start
            # (automations are armed then): the logbook check needs them at once.
            await running(client)
            step(
                f"person added with the config flow: entry {entry_id}, device {device_id}"
            )
            await client.ws(
                "lovelace/dashboards/create",
                url_path=DASHBOARD,
                title="Retrowalk",
                mode="storage",
                show_in_sidebar=True,
                require_admin=False,
            )
            await client.ws(
                "lovelace/config/save",
                url_path=DASHBOARD,
                config={
                    "title": "Retrowalk",
                    "views": [
                        {
                            "title": "Walk",
                            "cards": [
                                {"type": "custom:retrowalk-card", "device": device_id}
                            ],
                        },
                        {
                            "title": "Built-in cards",
                            "cards": [
                                builtin_cards(await device_entities(client, device_id))
                            ],
                        },
                        {"title": "Statistics", "cards": [statistics_card(entry_id)]},
                    ],
                },
            )
            step("dashboard saved with the card")
            async with async_playwright() as playwright:
                browser = await playwright.chromium.launch(
                    executable_path=CHROMIUM, args=CHROMIUM_ARGS
                )
                step(f"Chromium {browser.version} from {CHROMIUM}")
                events = Socket(session, hass.base, tokens["access_token"])
                await events.open()
                await events.command("subscribe_events", event_type="retrowalk_session")
                try:
                    await run_browser_checks(
                        client, browser, tokens, device_id, ids, out
                    )
                    await check_recorded(client, entry_id, ids)
                    await run_locale_checks(
                        client, browser, tokens, device_id, ids, out, events, entry_id
                    )
                finally:
                    await browser.close()
                    await events.close()
            errors = hass.integration_errors()
            check(
                not errors,
                "the integration logged errors or blocking calls:\n"
                + "\n".join(errors),
            )
            await client.close()
    except BaseException:
        print(f"--- end of the Home Assistant log ({hass.log}) ---\n{hass.log_tail()}")
        raise
    finally:
        code = hass.stop()
        step(f"Home Assistant stopped (exit code {code})")
        if not keep:
            shutil.rmtree(config, ignore_errors=True)


def main() -> int:
    """Run the scenario; exit 1 with a clear message on any failure."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--out", type=Path, default=ROOT / ".e2e", help="screenshots folder"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary config")
    parser.add_argument("--junitxml", type=Path, help="write a JUnit report here")
    args = parser.parse_args()
    failure: str | None = None
    if not os.access(CHROMIUM, os.X_OK):
        failure = f"{CHROMIUM} is missing; run scripts/setup (apt-get install chromium)"
    else:
        try:
            asyncio.run(run(args.out, args.keep))
        except CheckError as err:
            failure = str(err)
        except Exception as err:  # noqa: BLE001 - any failure fails the run, clearly
            traceback.print_exc()
            failure = f"{type(err).__name__}: {err}"
    if args.junitxml:
        write_junit(
            args.junitxml, "e2e", "dashboard_card", time.monotonic() - STARTED, failure
        )
    if failure:
        print(f"e2e FAILED: {failure}")
        return 1
    step("e2e passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
