// Supervisors at scale (issue 11) in real Chromium: a 5,000-agent team as a virtual table that
// still tells assistive technology every row's place and moves by keyboard, and time-in-state
// limits set from the keyboard alone, marked in words and announced politely when crossed (the
// page's clock is moved, no waiting).
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, signIn, sim, test } from './sim.ts';

test.beforeEach(async ({ request }) => {
  await sim(request).reset('UCCX');
});

const BIG_SIZE = 5000;
const FIRST_BIG_ID = 50001;

function row(page: Page, name: string) {
  return page.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
}

/** Each rendered body row's aria-rowindex and login id (the second cell). */
async function renderedRows(table: Locator): Promise<{ rowIndex: number; id: string }[]> {
  return table.locator('tbody tr[aria-rowindex]').evaluateAll((rows) =>
    rows.map((r) => ({
      rowIndex: Number(r.getAttribute('aria-rowindex')),
      id: r.querySelector('td')?.textContent ?? '',
    })),
  );
}

/** The login id of the row holding the focused element ('' when focus is outside the rows). */
const focusedRowId = (page: Page) =>
  page.evaluate(
    () =>
      document.activeElement?.closest('tr[data-member-id]')?.getAttribute('data-member-id') ?? '',
  );

/** Presses Tab until `target` has focus: how a keyboard user gets there (at most `max` presses). */
async function tabTo(page: Page, target: Locator, max = 30) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

async function openBigFloor(page: Page) {
  await signIn(page, '2001');
  await page
    .getByRole('combobox', { name: 'Team', exact: true })
    .selectOption({ label: 'Big Floor' });
  return page.getByRole('table', { name: 'Big Floor' });
}

test('5,000 agents: aria-rowcount counts them all, each rendered row has its aria-rowindex', async ({
  page,
  request,
}) => {
  await sim(request).bigTeam(BIG_SIZE);
  const big = await openBigFloor(page);
  await expect(big).toHaveAttribute('aria-rowcount', String(BIG_SIZE + 1));
  await expect(big.locator('thead tr')).toHaveAttribute('aria-rowindex', '1');
  // Sorted by login id, the row at aria-rowindex n is agent 50001 + n - 2.
  const idHeader = big.getByRole('columnheader', { name: /Login ID/ });
  await idHeader.getByRole('button').click();
  await expect(idHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect(big.locator('tbody tr[aria-rowindex="2"] td').first()).toHaveText(
    String(FIRST_BIG_ID),
  );
  const top = await renderedRows(big);
  // Virtual: only rows near the screen are in the DOM.
  expect(top.length).toBeGreaterThan(5);
  expect(top.length).toBeLessThan(200);
  for (const { rowIndex, id } of top) expect(Number(id)).toBe(FIRST_BIG_ID + rowIndex - 2);

  // The keyboard reaches the last agent: Ctrl+End from the first cell, then back with PageUp.
  const firstCell = big.locator('tbody tr[aria-rowindex="2"] th');
  await firstCell.focus();
  await page.keyboard.press('Control+End');
  const last = big.locator(`tbody tr[aria-rowindex="${BIG_SIZE + 1}"]`);
  await expect(last.locator('td.row-actions')).toBeFocused();
  await expect(last.locator('td').first()).toHaveText(String(FIRST_BIG_ID + BIG_SIZE - 1));
  await expect(last).toBeInViewport();
  const bottom = await renderedRows(big);
  expect(bottom.length).toBeLessThan(200);
  for (const { rowIndex, id } of bottom) expect(Number(id)).toBe(FIRST_BIG_ID + rowIndex - 2);

  await page.keyboard.press('PageUp');
  const pageUp = Number(
    await page.evaluate(() => document.activeElement?.closest('tr')?.getAttribute('aria-rowindex')),
  );
  expect(pageUp).toBeLessThan(BIG_SIZE + 1);
  expect(pageUp).toBeGreaterThan(BIG_SIZE - 60);
  await page.keyboard.press('Home');
  await expect(big.locator(`tbody tr[aria-rowindex="${pageUp}"] th`)).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  await expect(big.locator(`tbody tr[aria-rowindex="${pageUp + 1}"] td`).first()).toBeFocused();
  await page.keyboard.press('Control+Home');
  await expect(firstCell).toBeFocused();
  await expect(firstCell).toBeInViewport();
  // Exactly one cell is in the tab order: the one the keyboard is on.
  await expect(big.locator('tbody [data-col][tabindex="0"]')).toHaveCount(1);
  const scan = await new AxeBuilder({ page }).include('.team-view').analyze();
  expect(scan.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});

test('focus stays on its agent when an Update moves the row, and across a sort', async ({
  page,
  request,
}) => {
  await sim(request).bigTeam(1000);
  await sim(request).config({ applyDelayMs: 0 });
  const big = await openBigFloor(page);
  await expect(big).toHaveAttribute('aria-rowcount', '1001');
  // Sorted by state, then name: an agent whose state changes moves far in the table.
  const stateHeader = big.getByRole('columnheader', { name: /^State/ });
  await stateHeader.getByRole('button').click();
  await expect(stateHeader).toHaveAttribute('aria-sort', 'ascending');
  await big.locator('tbody tr[aria-rowindex="2"] th').focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const agent = await focusedRowId(page);
  expect(agent).not.toBe('');
  const before = await page.evaluate(() =>
    document.activeElement?.closest('tr')?.getAttribute('aria-rowindex'),
  );
  // The agent signs out (an Update on the team's node): their row moves to the Signed Out group.
  await sim(request).setState(agent, 'LOGOUT');
  await expect(
    row(page, await big.locator(`tr[data-member-id="${agent}"] th`).innerText()),
  ).toContainText('Signed Out');
  await expect
    .poll(() =>
      page.evaluate(() => document.activeElement?.closest('tr')?.getAttribute('aria-rowindex')),
    )
    .not.toBe(before);
  expect(await focusedRowId(page)).toBe(agent);
  // The keyboard carries on from the agent's new place.
  await page.keyboard.press('ArrowUp');
  expect(await focusedRowId(page)).not.toBe(agent);
  await page.keyboard.press('ArrowDown');
  expect(await focusedRowId(page)).toBe(agent);

  // A sort from the header: the agent's cell stays the table's one tab stop.
  await big
    .getByRole('columnheader', { name: /Login ID/ })
    .getByRole('button')
    .click();
  await expect(big.locator(`tr[data-member-id="${agent}"] [tabindex="0"]`)).toHaveCount(1);
});

test('time-in-state limits from the keyboard alone: marked in words, counted, sorted first, announced', async ({
  page,
  request,
}) => {
  // Polled (no Notification Service), so moving the page's clock breaks no keep-alive.
  await sim(request).xmppDown();
  await sim(request).setState('1001', 'NOT_READY', 1); // Ana on Break, from now
  await page.clock.install();
  await signIn(page, '2001');
  await page.getByLabel('Refresh every').selectOption({ label: '30 s' });
  await expect(row(page, 'Ana Álvarez')).toContainText('Break');
  // None by default: nothing counted, no limit on any row.
  await expect(page.getByText(/over limit/)).toHaveCount(0);

  const toggle = page.getByRole('button', { name: 'Time-in-state limits' });
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const form = page.getByRole('form', { name: 'Time-in-state limits' });
  const ready = form.getByLabel('Ready (minutes)');
  await tabTo(page, ready);
  await page.keyboard.type('ten');
  await tabTo(page, form.getByLabel('Not Ready – any reason (minutes)'));
  await page.keyboard.type('10');
  await tabTo(page, form.getByLabel('Break (minutes)'));
  await page.keyboard.type('1');
  await page.keyboard.press('Enter');

  // Not whole minutes: said beside the field, which gets the focus; nothing saved.
  await expect(ready).toBeFocused();
  await expect(ready).toHaveAttribute('aria-invalid', 'true');
  await expect(ready).toHaveAccessibleDescription(/Enter whole minutes from 1 to 1,440/);
  expect(await page.evaluate(() => localStorage.length)).toBe(0);
  const scan = await new AxeBuilder({ page }).include('.team-view').analyze();
  expect(scan.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(toggle).toBeFocused();
  await expect(page.getByRole('status').filter({ hasText: 'limits saved' })).toHaveText(
    'Time-in-state limits saved: 2 limits set.',
  );

  // Break's own limit wins over Not Ready's: Ana 1 min, Sam (Not Ready, no reason) 10 min.
  const ana = row(page, 'Ana Álvarez');
  await expect(ana.locator('td.limit')).toHaveText('1 min');
  await expect(row(page, 'Sam Rivera').locator('td.limit')).toHaveText('10 min');
  await expect(row(page, 'Eve Tan').locator('td.limit')).toHaveText('');
  const summary = page.locator('.over-limit-count');
  await expect(summary).toHaveText('0 over limit');

  // A minute passes, on Finesse's clock as on the PC's: Ana crosses her limit. (The page
  // compares the two clocks at each SystemInfo read; moving only the PC's would look like a
  // PC clock 65 s fast, and a read during the jump would take the minute away again.)
  await sim(request).clock(65_000);
  await page.clock.fastForward('01:05');
  await expect(ana.locator('td.limit')).toHaveText(/^⚠ Over limit by \d+:\d\d$/);
  await expect(summary).toHaveText('⚠ 1 over limit');
  const announcements = page.locator('[aria-live="polite"]').filter({ hasText: 'over the time' });
  await expect(announcements).toHaveText('Ana Álvarez is now over the time-in-state limit.');
  await expect(announcements).toHaveCount(1);
  // The mark is decoration: the words carry it.
  await expect(ana.locator('td.limit [aria-hidden="true"]')).toHaveText(/⚠/);

  // Sorted by the Limit column, the furthest over comes first.
  const limitHeader = page
    .getByRole('table', { name: 'Sales & Service' })
    .getByRole('columnheader', { name: /^Limit/ });
  await limitHeader.getByRole('button').focus();
  await page.keyboard.press('Enter');
  await expect(limitHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect(
    page.getByRole('table', { name: 'Sales & Service' }).locator('tbody tr th').first(),
  ).toHaveText('Ana Álvarez');

  // Stored per supervisor, settings only.
  const stored = await page.evaluate(() => ({ ...localStorage }));
  expect(Object.keys(stored)).toEqual(['finesse-state-gadget.limits.2001']);
  expect(JSON.parse(stored['finesse-state-gadget.limits.2001'] ?? '')).toEqual({
    version: 1,
    states: { NOT_READY: 10 },
    reasons: { '1': 1 },
  });
  expect(JSON.stringify(stored)).not.toMatch(/demo|Basic|sso-|password/i);
});

test('stored limits that are not what the page wrote are ignored, with no crash', async ({
  page,
}) => {
  await page.addInitScript(() => {
    localStorage.setItem('finesse-state-gadget.limits.2001', '{"version":1,"states":{"READY":"x"');
  });
  await signIn(page, '2001');
  await expect(row(page, 'Ana Álvarez')).toBeVisible();
  await expect(row(page, 'Ana Álvarez').locator('td.limit')).toHaveText('');
  await expect(page.locator('.over-limit-count')).toHaveCount(0);
});
