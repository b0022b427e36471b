"""Accessibility checks that axe cannot make: keyboard focus, reflow, touch targets, references.

Use them in any browser test:

    from e2e.a11y import assert_visible_focus, assert_no_horizontal_scroll, assert_touch_targets

- `assert_visible_focus(page)` tabs through the whole page and fails when a focused element shows
  no focus indicator of its own or on its label (WCAG 2.4.7), or is not visible (2.4.3).
- `tab_to(page, predicate_js)` presses Tab until the focused element matches, checking each step.
- `assert_no_horizontal_scroll(page, 320)` reflows the page at 320 CSS px (1.4.10).
- `assert_touch_targets(page, 44)` checks every visible control on the page (2.5.5, our promise
  for helpers' pages); links inside running text are exempt, as WCAG allows.
- `assert_references_exist(page)` fails on `aria-describedby`/`-labelledby`/`-controls` ids that
  point at nothing.
- `assert_focused_or_announced(page, selector)` for status and error messages (4.1.3).

The per-page fixture in `conftest.py` runs the reflow and reference checks on every page a test
visits, next to axe.
"""

from __future__ import annotations

# Styles that together make a focus indicator; compared with and without focus.
_FOCUS_STATE_JS = """
(el) => {
  const targets = [el, ...Array.from(el.labels || [])];
  const visible = (t) => {
    const r = t.getBoundingClientRect();
    const s = getComputedStyle(t);
    return r.width >= 4 && r.height >= 4 && s.visibility !== 'hidden' && s.opacity !== '0'
      && !(s.clip && s.clip.startsWith('rect(0'));
  };
  const sig = (t) => {
    const s = getComputedStyle(t);
    return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow,
            s.backgroundColor, s.borderColor, s.color, s.textDecorationLine].join('|');
  };
  const describe = (t) => t.tagName.toLowerCase() + (t.id ? '#' + t.id : '')
    + (typeof t.className === 'string' && t.className
       ? '.' + t.className.trim().split(/\\s+/).join('.') : '')
    + ' "' + (t.getAttribute('aria-label') || t.textContent || t.value || '')
      .trim().slice(0, 40) + '"';
  const focused = targets.map(sig);
  el.blur();
  const blurred = targets.map(sig);
  el.focus({preventScroll: true});
  const shown = targets.filter((t, i) => focused[i] !== blurred[i] && visible(t));
  return {ok: shown.length > 0, visible: targets.some(visible), what: describe(el)};
}
"""

_ACTIVE_KEY_JS = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const path = [];
  for (let n = el; n && n.nodeType === 1; n = n.parentElement) {
    let i = 0; for (let s = n; (s = s.previousElementSibling);) i++;
    path.push(n.tagName + i);
  }
  return path.join('<');
}
"""


_DESCRIBE_ACTIVE_JS = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body) return 'body';
  return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' '
    + (el.getAttribute('aria-label') || el.textContent || el.name || '').trim().slice(0, 30);
}
"""


# One round trip per Tab: the focused element's key and, for a new stop (not one of the keys
# given), its focus state. The state is taken by blurring and refocusing: on the next part of a
# date or time field that would move focus back to its first part.
_FOCUS_STOP_JS = f"""
(known) => {{
  const key = ({_ACTIVE_KEY_JS})();
  const state = key !== null && !known.includes(key)
    ? ({_FOCUS_STATE_JS})(document.activeElement) : null;
  return {{key, state}};
}}
"""


def _problem(state: dict) -> str | None:
    if state["ok"]:
        return None
    if not state["visible"]:
        return f"hidden element takes focus: {state['what']}"
    return f"no visible focus indicator: {state['what']}"


def focus_problem(page) -> str | None:
    """None when the focused element shows a visible focus indicator, else a description."""
    return _problem(page.evaluate(f"() => ({_FOCUS_STATE_JS})(document.activeElement)"))


def assert_visible_focus(page, max_tabs: int = 150) -> list[str]:
    """Tab through the page from the top; every focus stop must show a visible indicator.

    Returns the keys of the elements visited (useful to assert the order)."""
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.evaluate("window.scrollTo(0, 0)")
    seen: list[str] = []
    problems: list[str] = []
    for _ in range(max_tabs):
        page.keyboard.press("Tab")
        # The first and the last stop are known: back at the first ends the round, the last
        # again is the next part of a date or time field (checked when it was entered).
        stop = page.evaluate(_FOCUS_STOP_JS, seen[:1] + seen[-1:])
        key = stop["key"]
        if key is None or (seen and key == seen[0]):
            break
        if seen and key == seen[-1]:
            continue
        seen.append(key)
        problem = _problem(stop["state"])
        if problem:
            problems.append(problem)
    assert not problems, f"focus problems on {page.url}:\n  " + "\n  ".join(problems)
    return seen


def tab_to(page, predicate_js: str, max_tabs: int = 150, shift: bool = False) -> None:
    """Press Tab (or Shift+Tab) until `predicate_js` (a JS function of the focused element)
    returns true; every stop on the way must show visible focus."""
    key = "Shift+Tab" if shift else "Tab"
    # A date or time field keeps focus while Tab moves through its parts; checking it again
    # would move focus back to its first part. One round trip per Tab.
    step_js = f"""
    (previous) => {{
      const key = ({_ACTIVE_KEY_JS})();
      const state = key && key !== previous
        ? ({_FOCUS_STATE_JS})(document.activeElement) : null;
      const reached = Boolean(({predicate_js})(document.activeElement));
      return {{key, state, reached, what: reached ? null : ({_DESCRIBE_ACTIVE_JS})()}};
    }}
    """
    stops: list[str] = []
    previous = None
    for _ in range(max_tabs):
        page.keyboard.press(key)
        step = page.evaluate(step_js, previous)
        if step["state"] is not None:
            problem = _problem(step["state"])
            assert problem is None, f"{problem} (on {page.url})"
        previous = step["key"]
        if step["reached"]:
            return
        stops.append(step["what"])
    raise AssertionError(
        f"never reached {predicate_js} by keyboard on {page.url}; "
        f"{len(stops)} stops, the first ones: {stops[:40]}"
    )


def tab_to_name(page, name: str, **kwargs) -> None:
    """Tab to the control whose accessible text (label, text or aria-label) starts with `name`."""
    predicate = (
        "(el) => { const t = [el.getAttribute('aria-label'), "
        "...Array.from(el.labels || []).map(l => l.textContent), el.textContent, el.value]"
        ".filter(Boolean).map(s => s.trim().replace(/\\s+/g, ' '));"
        f" return t.some(s => s.startsWith({name!r})); }}"
    )
    tab_to(page, predicate, **kwargs)


_OVERFLOW_JS = """
(width) => {
  const doc = document.documentElement;
  if (doc.scrollWidth <= doc.clientWidth) return [];
  // Inside a box that scrolls or clips it (an absolutely positioned element is clipped only by
  // boxes at or above its containing block).
  const scrolls = (n) => {
    let p = n.parentElement;
    if (['absolute', 'fixed'].includes(getComputedStyle(n).position)) {
      const block = n.offsetParent;
      while (p && p !== block) p = p.parentElement;
    }
    for (; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === 'auto' || o === 'scroll' || o === 'hidden') return true;
    }
    return false;
  };
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (typeof el.className === 'string' && el.className
       ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.right > width + 1 && r.width > 0 && !scrolls(el)) {
      out.push(name(el) + ` (right edge ${Math.round(r.right)} px)`);
      if (out.length >= 5) break;
    }
  }
  if (out.length) return out;
  // Text that runs out of its box (a long word or address) does not widen the box itself.
  for (const el of document.body.querySelectorAll('*')) {
    if (el.scrollWidth > el.clientWidth + 1 && el.children.length === 0 && !scrolls(el)
        && getComputedStyle(el).overflowX === 'visible') {
      out.push(name(el) + ` (text runs ${el.scrollWidth - el.clientWidth} px out)`);
      if (out.length >= 5) break;
    }
  }
  return out.length ? out : [`page is ${doc.scrollWidth} px wide`];
}
"""


def horizontal_overflow(page, width: int = 320) -> list[str]:
    """Elements that stick out at `width` CSS px (empty when the page reflows)."""
    before = page.viewport_size
    page.set_viewport_size({"width": width, "height": before["height"] if before else 800})
    try:
        return page.evaluate(_OVERFLOW_JS, width)
    finally:
        if before:
            page.set_viewport_size(before)


def assert_no_horizontal_scroll(page, width: int = 320) -> None:
    """WCAG 1.4.10: at 320 CSS px only content inside a scroll box (tables) may scroll sideways."""
    overflow = horizontal_overflow(page, width)
    assert not overflow, f"page scrolls sideways at {width} px on {page.url}: " + ", ".join(
        overflow
    )


_SMALL_TARGETS_JS = """
(size) => {
  const controls = document.querySelectorAll(
    'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex="0"]');
  const small = [];
  const inRunningText = (el) => {
    if (el.tagName !== 'A' || getComputedStyle(el).display !== 'inline') return false;
    const block = el.closest('p, li, td, dd, figcaption, small');
    return block && block.textContent.trim().length > el.textContent.trim().length;
  };
  for (const el of controls) {
    if (el.closest('[hidden], .leaflet-control-attribution') || inRunningText(el)) continue;
    const boxes = [el, ...Array.from(el.labels || [])].map(t => t.getBoundingClientRect())
      .filter(r => r.width > 0 && r.height > 0);
    if (!boxes.length) continue;
    const w = Math.max(...boxes.map(r => r.width));
    const h = Math.max(...boxes.map(r => r.height));
    if (w < size - 0.5 || h < size - 0.5) {
      small.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} "`
        + (el.getAttribute('aria-label') || el.textContent || el.name || '').trim().slice(0, 30)
        + `" ${Math.round(w)}x${Math.round(h)}`);
    }
  }
  return small;
}
"""


def assert_touch_targets(page, size: int = 44) -> None:
    """Every visible control (or its label) is at least size x size CSS px."""
    small = page.evaluate(_SMALL_TARGETS_JS, size)
    assert not small, f"touch targets below {size} px on {page.url}: " + "; ".join(small)


_BROKEN_REFERENCES_JS = """
() => {
  const broken = [];
  const attrs = ['aria-describedby', 'aria-labelledby', 'aria-controls', 'aria-errormessage'];
  for (const attr of attrs) {
    for (const el of document.querySelectorAll(`[${attr}]`)) {
      for (const id of el.getAttribute(attr).split(/\\s+/).filter(Boolean)) {
        if (document.getElementById(id)) continue;
        broken.push(`${attr}="${id}" on ${el.tagName.toLowerCase()}` + (el.id ? '#' + el.id : ''));
      }
    }
  }
  return broken;
}
"""


def broken_references(page) -> list[str]:
    return page.evaluate(_BROKEN_REFERENCES_JS)


def assert_references_exist(page) -> None:
    broken = broken_references(page)
    assert not broken, f"ARIA references to missing ids on {page.url}: " + "; ".join(broken)


def assert_focused_or_announced(page, selector: str) -> None:
    """A status or error message has focus, or sits in a live region, and is in view."""
    state = page.evaluate(
        """(sel) => {
          const el = document.querySelector(sel);
          if (!el) return {found: false};
          const live = el.closest('[role=status], [role=alert], [aria-live]');
          const r = el.getBoundingClientRect();
          const focused = el === document.activeElement || el.contains(document.activeElement);
          return {found: true, focused,
                  live: !!live && (live.getAttribute('aria-live') || 'x') !== 'off',
                  inView: r.bottom > 0 && r.top < innerHeight && r.height > 0};
        }""",
        selector,
    )
    assert state["found"], f"no {selector} on {page.url}"
    assert state["focused"] or state["live"], f"{selector} neither focused nor announced"
    assert state["inView"], f"{selector} is out of view on {page.url}"
