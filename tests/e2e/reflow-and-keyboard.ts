import { expect, type CDPSession, type Page } from '@playwright/test';

/**
 * 320 × 640 CSS px. Browser zoom at 200 % on a 640 px wide window lays the page out in the same
 * 320 CSS px (zoom divides the CSS viewport; deviceScaleFactor only adds device pixels, which layout
 * never sees), so this one size covers both the small phone and the 200 % zoom rule.
 */
export const smallScreen = { width: 320, height: 640 };

/** What the walk in the page found; every list is empty on a page that meets the rule. */
interface Walk {
  positiveTabindex: string[];
  expected: string[];
  visited: string[];
  noIndicator: string[];
  notShown: string[];
  unsubmittable: string[];
  leftThePage: boolean;
}

/**
 * The page as it is loaded, at 320 px: nothing sticks out sideways (a wide table scrolls inside its
 * own box), and Tab from the top stops at every focusable element in DOM order, each with a focus
 * indicator and in view, then is let go (no trap); every form has a submit button on that path.
 * Resizes the page it is given, so the caller's visit is reused; the viewport is put back afterwards.
 */
export async function expectReflowAndKeyboard(page: Page, address: string) {
  const before = page.viewportSize();
  await page.setViewportSize(smallScreen);
  try {
    await reflowAndKeyboard(page, address);
  } finally {
    if (before) await page.setViewportSize(before);
  }
}

async function reflowAndKeyboard(page: Page, address: string) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  if (width > smallScreen.width) {
    const wide = await page.evaluate(sticksOut);
    expect(width, `${address} sticks out sideways at 320 px: ${wide.join(', ')}`).toBeLessThanOrEqual(smallScreen.width);
  }

  const stops = await page.evaluate(startWalk);
  // Each round presses Tab once per stop still to come plus once to leave the page, so it never
  // passes the end; another round is needed only where one element takes several presses (a date
  // field has a stop for day, month and year). The bound ends a walk that a trap holds.
  for (let pressed = 0, left = false, reached = 0; !left && reached <= stops && pressed < 4 * stops + 8;) {
    await pressTab(page, stops - reached + 1);
    pressed += stops - reached + 1;
    ({ left, reached } = await page.evaluate(() => (window as unknown as { __walkState: () => { left: boolean; reached: number } }).__walkState()));
  }
  const walk = await page.evaluate(() => (window as unknown as { __walk: () => Walk }).__walk());

  expect(walk.positiveTabindex, `${address}: a positive tabindex breaks DOM order`).toEqual([]);
  expect(walk.visited, `${address}: Tab does not follow the focusable elements in DOM order`).toEqual(walk.expected);
  expect(walk.leftThePage, `${address}: focus does not leave the page after the last element`).toBe(true);
  expect(walk.noIndicator, `${address}: focus is not visible on`).toEqual([]);
  expect(walk.notShown, `${address}: focus lands on something hidden or off-screen at 320 px`).toEqual([]);
  expect(walk.unsubmittable, `${address}: a form without a submit button on the Tab path`).toEqual([]);
}

const sessions = new WeakMap<Page, CDPSession>();
const tab = { key: 'Tab', code: 'Tab', windowsVirtualKeyCode: 9, nativeVirtualKeyCode: 9 };

/**
 * Presses Tab `times` times. The key events go to Chromium all at once and it handles them in order;
 * awaiting each press (page.keyboard.press) costs a round trip and a frame per stop, which over
 * every page in every language would add minutes to the walk.
 */
async function pressTab(page: Page, times: number) {
  let cdp = sessions.get(page);
  if (!cdp) sessions.set(page, (cdp = await page.context().newCDPSession(page)));
  const presses = Array.from({ length: times }, () => [
    cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...tab }),
    cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...tab }),
  ]);
  await Promise.all(presses.flat());
}

/** Runs in the page: the innermost elements that reach past the right edge, to name in the failure. */
function sticksOut(): string[] {
  const past = (el: Element) => el.getBoundingClientRect().right > innerWidth + 0.5;
  return [...document.body.querySelectorAll('*')]
    .filter((el) => past(el) && ![...el.children].some(past))
    .slice(0, 5)
    .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${[...el.classList].join('.')} (${Math.round(el.getBoundingClientRect().right)} px)`);
}

/**
 * Runs in the page: lists the elements Tab should reach, starts listening to focus, and returns how
 * many stops there are. The listeners record synchronously, so the test presses Tab without a round
 * trip per stop; `window.__walk()` hands the record back.
 */
function startWalk(): number {
  const describe = (el: Element) => {
    const name = (el.getAttribute('aria-label') ?? (el as HTMLElement).innerText ?? el.getAttribute('name') ?? '').trim().replace(/\s+/g, ' ');
    const id = el.id ? `#${el.id}` : '';
    const type = el.getAttribute('type') ? `[type=${el.getAttribute('type')}]` : '';
    return `${el.tagName.toLowerCase()}${id}${type} "${name.slice(0, 40)}"`;
  };
  const focusable = [
    'a[href]',
    'area[href]',
    'button',
    'input:not([type=hidden])',
    'select',
    'textarea',
    'iframe',
    'details > summary:first-of-type',
    '[tabindex]',
    '[contenteditable]:not([contenteditable=false])',
  ].join(',');
  const candidates = [...document.querySelectorAll<HTMLElement>(focusable)].filter(
    (el) =>
      !(el as HTMLButtonElement).disabled &&
      !el.closest('[inert]') &&
      el.checkVisibility({ visibilityProperty: true }) &&
      !(el.hasAttribute('tabindex') && el.tabIndex < 0),
  );
  const positiveTabindex = candidates.filter((el) => el.tabIndex > 0).map(describe);
  // A radio group is one stop: its checked radio, or the first one when none is checked.
  const groups = new Map<string, HTMLInputElement[]>();
  for (const el of candidates) {
    if (el instanceof HTMLInputElement && el.type === 'radio' && el.name) {
      const key = `${el.form ? [...document.forms].indexOf(el.form) : -1}/${el.name}`;
      groups.set(key, [...(groups.get(key) ?? []), el]);
    }
  }
  const expected = candidates.filter((el) => {
    if (!(el instanceof HTMLInputElement) || el.type !== 'radio' || !el.name) return true;
    const group = groups.get(`${el.form ? [...document.forms].indexOf(el.form) : -1}/${el.name}`)!;
    return el === (group.find((r) => r.checked) ?? group[0]);
  });

  // Start from the top of the page, whatever was focused or clicked before: focusing the body moves
  // the browser's starting point for Tab there.
  document.body.tabIndex = -1;
  document.body.focus();
  document.body.blur();
  document.body.removeAttribute('tabindex');
  scrollTo(0, 0);

  const indicator = (el: Element) => {
    const s = getComputedStyle(el);
    return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.backgroundColor, s.borderColor, s.textDecorationLine, s.color].join('|');
  };
  const unfocused = new Map(expected.map((el) => [el, indicator(el)]));
  const visited: Element[] = [];
  const noIndicator: string[] = [];
  const notShown: string[] = [];

  // Seen while focused, as some elements (the skip link) are only shown then. The browser scrolls a
  // focused element into view just after this event; doing the same first lets us see where it ends
  // up, and an element outside every scrollable area stays out of view.
  document.addEventListener('focusin', (event) => {
    const el = event.target as HTMLElement;
    visited.push(el);
    const s = getComputedStyle(el);
    // An outline counts, the browser's own ring (outline-style auto) too; otherwise some other
    // part of the look must change on focus.
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 && s.outlineColor !== 'rgba(0, 0, 0, 0)';
    if (!outline && indicator(el) === unfocused.get(el)) noIndicator.push(describe(el));
    el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    // A link that wraps has one box per line: it is shown if one of them is in view and on top.
    const shown = [...el.getClientRects()].some((box) => {
      if (box.width <= 1 || box.height <= 1 || box.bottom <= 0 || box.right <= 0 || box.top >= innerHeight || box.left >= innerWidth) return false;
      const x = Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1);
      const y = Math.min(Math.max(box.top + box.height / 2, 0), innerHeight - 1);
      const hit = document.elementFromPoint(x, y);
      return !!hit && (el.contains(hit) || (hit instanceof HTMLLabelElement && hit.control === el));
    });
    if (!shown || parseFloat(s.opacity) === 0) notShown.push(describe(el));
  });

  // Past the last element, Tab hands focus to the browser, or, when the browser does not take it
  // (headless Chromium does not always), wraps to the first element: either way it is not held.
  const wrapped = () => visited.length === expected.length + 1 && visited.at(-1) === expected[0];
  const left = () => document.activeElement === document.body || document.activeElement === null || wrapped();
  (window as unknown as { __walkState: () => unknown }).__walkState = () => ({ left: left(), reached: visited.length });
  (window as unknown as { __walk: () => unknown }).__walk = () => {
    const reached = new Set(visited);
    const submits = (form: HTMLFormElement) =>
      [...form.elements].filter((el) => (el instanceof HTMLButtonElement || el instanceof HTMLInputElement) && (el.type === 'submit' || el.type === 'image'));
    const unsubmittable = [...document.forms]
      .filter((form) => form.checkVisibility() && !submits(form).some((el) => reached.has(el)))
      .map((form) => `form${form.id ? `#${form.id}` : ''}[action=${form.getAttribute('action') ?? ''}] ${describe(form).slice(0, 60)}`);
    return {
      positiveTabindex,
      expected: expected.map(describe),
      visited: (wrapped() ? visited.slice(0, -1) : visited).map(describe),
      noIndicator,
      notShown,
      unsubmittable,
      leftThePage: left(),
    };
  };
  return expected.length;
}
