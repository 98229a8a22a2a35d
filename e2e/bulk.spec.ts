// Supervisors acting on many agents at once (issue 18) in real Chromium against the simulated
// Finesse: a bulk Sign Out of a filtered selection where Finesse refuses some, selection and
// confirmation by keyboard alone, the team at a glance filtering the table, and the CSV of the view
// (read from the download) with a name a spreadsheet would run as a formula.
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, signIn, sim, test } from './sim.ts';

test.beforeEach(async ({ request }) => {
  await sim(request).reset('UCCX');
});

function row(page: Page, name: string) {
  return page.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
}

/** Presses Tab until `target` has focus: how a keyboard user gets there. */
async function tabTo(page: Page, target: ReturnType<Page['locator']>, max = 60) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

// Big Floor's agents cycle Ready, Not Ready, Talking, Not Ready, Wrap-Up, Signed Out (sim/model.ts).
const BIG = 30;

/**
 * Signs in as the supervisor with a Big Floor of BIG agents, filtered to its 10 Not Ready agents,
 * all of them selected; the simulator answers after `latencyMs` when given. Returns the table.
 */
async function selectBigFloorNotReady(page: Page, request: APIRequestContext, latencyMs?: number) {
  const control = sim(request);
  await control.bigTeam(BIG);
  if (latencyMs !== undefined) await control.config({ latencyMs });
  await signIn(page, '2001');
  await page
    .getByRole('combobox', { name: 'Team', exact: true })
    .selectOption({ label: 'Big Floor' });
  const table = page.getByRole('table', { name: 'Big Floor' });
  await expect(table).toHaveAttribute('aria-rowcount', String(BIG + 1));
  await page.getByRole('combobox', { name: 'Show' }).selectOption({ label: 'Not Ready' });
  await expect(table).toHaveAttribute('aria-rowcount', '11');
  await page.getByRole('button', { name: 'Select all in the table (10) – Big Floor' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Selected: 10' })).toBeVisible();
  return table;
}

test('bulk Sign Out of the Not Ready agents: one PUT each, no reason, one refused and explained', async ({
  page,
  request,
}) => {
  const control = sim(request);
  const table = await selectBigFloorNotReady(page, request);
  const notReadyIds = await table
    .locator('tbody tr[data-member-id]')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-member-id') ?? ''));
  expect(notReadyIds).toHaveLength(10);

  await page
    .getByRole('button', { name: 'Sign Out for the selected agents – Big Floor', exact: true })
    .click();
  const confirmation = page.getByRole('group', {
    name: 'Sign Out for the selected agents of Big Floor?',
  });
  await expect(confirmation).toContainText('Will change: 10');
  await expect(confirmation).not.toContainText('Not shown');
  await expect(confirmation).toBeFocused();

  // The first PUT is throttled (429, Retry-After 1 s); the next agent is signed out meanwhile.
  await control.clearRequests();
  await control.refuseSomeChanges({ retryAfterS: 1, changed: 1 });
  await confirmation.getByRole('button', { name: 'Sign Out now (10) – Big Floor' }).click();

  await expect(
    page.getByText('Sign Out: 9 confirmed, 0 waiting for Finesse, 1 refused, 0 not sent.'),
  ).toBeVisible({
    timeout: 15_000,
  });
  await expect(page.getByText('See the rows for each refusal.')).toBeVisible();

  const puts = await control.requests({ method: 'PUT', path: '/finesse/api/User/' });
  const byAgent = new Map<string, { status: number | null }[]>();
  for (const put of puts) {
    // A supervisor never sends a reason code (api.md §4).
    expect(put.body).toBe('<User><state>LOGOUT</state></User>');
    const id = put.path.split('/').at(-1) ?? '';
    byAgent.set(id, [...(byAgent.get(id) ?? []), { status: put.status }]);
  }
  expect([...byAgent.keys()].sort()).toEqual([...notReadyIds].sort());
  // Exactly one agent was sent twice: refused with 429 first, then accepted after the wait.
  const twice = [...byAgent.values()].filter((sent) => sent.length > 1);
  expect(twice).toEqual([[{ status: 429 }, { status: 202 }]]);
  expect([...byAgent.values()].flat().filter((p) => p.status === 400)).toHaveLength(1);

  // Everyone has left "Not Ready"; among the signed-out agents, the refused row explains.
  await page.getByRole('combobox', { name: 'Show' }).selectOption({ label: 'Signed Out' });
  const refusal = table.getByRole('alert');
  await expect(refusal).toHaveCount(1);
  await expect(refusal).toContainText(/Finesse did not change .+ to Signed Out/);
});

test('a selection kept across filters: the confirmation says how many of it the table does not show', async ({
  page,
  request,
}) => {
  const table = await selectBigFloorNotReady(page, request);
  await page.getByRole('combobox', { name: 'Show' }).selectOption({ label: 'Ready' });
  await expect(table).toHaveAttribute('aria-rowcount', '6');
  await expect(page.getByRole('status').filter({ hasText: 'Selected: 10' })).toBeVisible();

  await page
    .getByRole('button', { name: 'Sign Out for the selected agents – Big Floor', exact: true })
    .click();
  const confirmation = page.getByRole('group', {
    name: 'Sign Out for the selected agents of Big Floor?',
  });
  await expect(confirmation).toContainText('Will change: 10');
  await expect(confirmation).toContainText(
    'Not shown by the current filter or search: 10. They change too.',
  );
  await confirmation.getByRole('button', { name: 'Cancel – Big Floor' }).click();
  await expect(confirmation).toHaveCount(0);
});
test('by keyboard alone: Space selects in the table, the count is said, the confirmation takes the keys; axe is clean', async ({
  page,
  request,
}) => {
  await sim(request).setState('1005', 'NOT_READY', 60);
  await signIn(page, '2001');
  const table = page.getByRole('table', { name: 'Sales & Service' });
  await expect(row(page, 'Ana Álvarez')).toBeVisible();

  // Into the table by Tab; Space on a name cell toggles its agent's checkbox.
  const anaCell = row(page, 'Ana Álvarez').getByRole('rowheader');
  await tabTo(page, anaCell);
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowDown');
  await expect(row(page, 'Dmitri Ivanov').getByRole('rowheader')).toBeFocused();
  await page.keyboard.press('Space');
  const count = page.getByRole('status').filter({ hasText: /^Selected: \d+$/ });
  await expect(count).toHaveText('Selected: 2');
  await expect(table.getByRole('checkbox', { name: 'Select Ana Álvarez' })).toBeChecked();
  await expect(table.getByRole('checkbox', { name: 'Select Dmitri Ivanov' })).toBeChecked();
  // The own row has no checkbox: a supervisor's own state is changed with My state.
  await expect(table.getByRole('checkbox', { name: 'Select Sam Rivera' })).toHaveCount(0);

  // Escape clears, and the selection is made again.
  await page.keyboard.press('Escape');
  await expect(count).toHaveText('Selected: 0');
  await anaCell.focus();
  await page.keyboard.press('Space');
  await row(page, 'Dmitri Ivanov').getByRole('rowheader').focus();
  await page.keyboard.press('Space');
  await expect(count).toHaveText('Selected: 2');

  // Ready for the selection: Ana changes, Dmitri (signed out) is skipped, with the reason.
  const ready = page.getByRole('button', {
    name: 'Ready for the selected agents – Sales & Service',
    exact: true,
  });
  await ready.focus();
  await page.keyboard.press('Enter');
  const confirmation = page.getByRole('group', {
    name: 'Ready for the selected agents of Sales & Service?',
  });
  await expect(confirmation).toBeFocused();
  await expect(confirmation).toContainText('Will change: 1');
  await expect(confirmation).toContainText('Skipped: 1');
  await expect(confirmation).toContainText('Signed Out, which Finesse does not change to Ready: 1');
  const scan = await new AxeBuilder({ page }).include('.team-view').analyze();
  expect(scan.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  // Escape in the confirmation cancels it (the selection stays) and gives the keyboard back to
  // the button that opened it; then confirm by keyboard.
  await page.keyboard.press('Escape');
  await expect(confirmation).toHaveCount(0);
  await expect(count).toHaveText('Selected: 2');
  await expect(ready).toBeFocused();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await expect(
    confirmation.getByRole('button', { name: 'Ready now (1) – Sales & Service' }),
  ).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(
    page.getByText('Ready: 1 confirmed, 0 waiting for Finesse, 0 refused, 0 not sent.'),
  ).toBeVisible();
  await expect(row(page, 'Ana Álvarez')).toContainText('Ready');
  const puts = await sim(request).requests({ method: 'PUT', path: '/finesse/api/User/' });
  expect(puts.map((p) => `${p.path} ${p.body}`)).toEqual([
    '/finesse/api/User/1001 <User><state>READY</state></User>',
  ]);
});

test('the team at a glance: counts in words, each a control that filters the table', async ({
  page,
  request,
}) => {
  await sim(request).setState('1005', 'NOT_READY', 60);
  await signIn(page, '2001');
  const table = page.getByRole('table', { name: 'Sales & Service' });
  await expect(table).toHaveAttribute('aria-rowcount', '5');
  const notReady = page.getByRole('button', {
    name: 'Not Ready: 3 (75%), filter Sales & Service to these',
  });
  await expect(notReady).toHaveAttribute('aria-pressed', 'false');
  await notReady.click();
  await expect(notReady).toHaveAttribute('aria-pressed', 'true');
  await expect(table).toHaveAttribute('aria-rowcount', '4');
  await expect(page.getByRole('combobox', { name: 'Show' })).toHaveValue('NOT_READY');
  // Live: a change elsewhere moves the counts and the rows.
  await sim(request).setState('1001', 'READY');
  await expect(
    page.getByRole('button', { name: 'Not Ready: 2 (50%), filter Sales & Service to these' }),
  ).toBeVisible();
  await expect(table).toHaveAttribute('aria-rowcount', '3');
  // Pressed again: every state.
  await page.getByRole('button', { name: /^Not Ready: 2/ }).click();
  await expect(table).toHaveAttribute('aria-rowcount', '5');
  await expect(page.getByRole('combobox', { name: 'Show' })).toHaveValue('ALL');
});

test('Download CSV: exactly the rows shown, header in the page’s language, BOM, formulas neutralised', async ({
  page,
  request,
}) => {
  await sim(request).rename('1004', '=cmd', '|calc');
  await signIn(page, '2001');
  await expect(row(page, 'Ana Álvarez')).toBeVisible();
  // Sorted by login id, descending; Sam's own row filtered out by a search that matches the rest.
  const idHeader = page.getByRole('columnheader', { name: /Login ID/ });
  await idHeader.getByRole('button').click();
  await idHeader.getByRole('button').click();
  await expect(idHeader).toHaveAttribute('aria-sort', 'descending');
  await page.getByRole('searchbox', { name: 'Search by name or ID' }).fill('100');
  await expect(page.getByRole('table', { name: 'Sales & Service' })).toHaveAttribute(
    'aria-rowcount',
    '4',
  );

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV – Sales & Service' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^Sales-Service-\d{4}-\d{2}-\d{2}-\d{4}\.csv$/);
  const bytes = await readFile(await download.path());
  // UTF-8 with a byte order mark.
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.toString('utf8').slice(1).split('\r\n');
  expect(lines[0]).toBe('Name,Login ID,Extension,State,Reason,Time in state,Over limit');
  expect(lines.slice(1).map((line) => line.split(',').slice(0, 4).join(','))).toEqual([
    'Eve Tan,1005,5005,Ready',
    "'=cmd |calc,1004,5004,Signed Out",
    'Ana Álvarez,1001,5001,Not Ready',
  ]);
  // Time in state as of the download, as the table shows it.
  expect(lines[3]).toMatch(/^Ana Álvarez,1001,5001,Not Ready,[^,]*,\d+:\d{2}(:\d{2})?,$/);

  // In German, the header (and the states) are German.
  const de = JSON.parse(
    await readFile(new URL('../src/i18n/catalogues/de.json', import.meta.url), 'utf8'),
  ) as Record<string, string>;
  await page.getByRole('combobox', { name: 'Language' }).selectOption({ label: 'Deutsch' });
  const again = page.waitForEvent('download');
  await page.getByRole('button', { name: `${de['csv.download']} – Sales & Service` }).click();
  const german = (await readFile(await (await again).path())).toString('utf8').slice(1);
  const [header, first] = german.split('\r\n');
  expect(header).toBe(
    [
      'team.col.name',
      'team.col.id',
      'team.col.extension',
      'team.col.state',
      'team.col.reason',
      'team.col.timeInState',
      'csv.overLimit',
    ]
      .map((id) => de[id])
      .join(','),
  );
  expect(first).toContain(`Eve Tan,1005,5005,${de['stateName.READY']}`);
});

test('Finesse out of service mid-way: bulk buttons disabled and described by the line, the queue waits, then finishes', async ({
  page,
  request,
}) => {
  const control = sim(request);
  await selectBigFloorNotReady(page, request, 400);
  await page
    .getByRole('button', { name: 'Sign Out for the selected agents – Big Floor', exact: true })
    .click();
  await control.clearRequests();
  await page.getByRole('button', { name: 'Sign Out now (10) – Big Floor' }).click();
  await expect
    .poll(async () => (await control.requests({ method: 'PUT' })).length)
    .toBeGreaterThanOrEqual(4);

  await control.post('/sim/nodes/a', { status: 'OUT_OF_SERVICE', statusReason: 'CTI down.' });
  await expect(page.locator('#finesse-service-line')).toContainText('Changes are paused');
  const bulkReady = page.getByRole('button', {
    name: 'Ready for the selected agents – Big Floor',
    exact: true,
  });
  await expect(bulkReady).toHaveAttribute('aria-disabled', 'true');
  await expect(bulkReady).toHaveAttribute('aria-describedby', 'finesse-service-line');
  await expect(page.getByText(/Paused until Finesse is back in service\./)).toBeVisible();

  await control.post('/sim/nodes/a', { status: 'IN_SERVICE' });
  await expect(
    page.getByText('Sign Out: 10 confirmed, 0 waiting for Finesse, 0 refused, 0 not sent.'),
  ).toBeVisible({ timeout: 30_000 });
  const puts = await control.requests({ method: 'PUT', path: '/finesse/api/User/' });
  // Each agent accepted once; 503s only for the PUTs already on their way when Finesse went out
  // of service (at most 4 at once): the paused queue sent nothing into the outage.
  const accepted = puts.filter((p) => p.status === 202).map((p) => p.path);
  expect(accepted).toHaveLength(10);
  expect(new Set(accepted).size).toBe(10);
  expect(puts.filter((p) => p.status === 503).length).toBeLessThanOrEqual(4);
});

test('every team shown at once: no two buttons outside the column headers share an accessible name', async ({
  page,
}) => {
  await signIn(page, '2001');
  await page
    .getByRole('combobox', { name: 'Team', exact: true })
    .selectOption({ label: 'All teams' });
  await expect(page.getByRole('table', { name: 'Billing' })).toBeVisible();
  await page.getByRole('checkbox', { name: 'Select Ana Álvarez' }).check();
  await page
    .getByRole('button', { name: 'Not Ready for the selected agents – Sales & Service' })
    .click();
  await expect(
    page.getByRole('group', { name: /^Not Ready for the selected agents of/ }),
  ).toBeVisible();
  // The column headers' sort buttons repeat per table (each inside its own table, before this
  // issue); every other button, the bulk ones included, is named for its team or its agent.
  const names = await page
    .getByRole('button')
    .evaluateAll((buttons) =>
      buttons
        .filter((b) => !b.classList.contains('sort-button'))
        .map((b) => (b.getAttribute('aria-label') ?? b.textContent ?? '').trim()),
    );
  expect(names.length).toBeGreaterThan(20);
  expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
});

test('Stop sends nothing more; what was sent stays sent and is confirmed', async ({
  page,
  request,
}) => {
  const control = sim(request);
  await selectBigFloorNotReady(page, request, 800);
  await page
    .getByRole('button', { name: 'Not Ready for the selected agents – Big Floor', exact: true })
    .click();
  // Everyone shown is Not Ready already: nothing to send, and no button to send it.
  await expect(
    page.getByText('None of the selected agents can be changed to Not Ready.'),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Cancel – Big Floor' }).click();
  await page
    .getByRole('button', { name: 'Ready for the selected agents – Big Floor', exact: true })
    .click();
  await control.clearRequests();
  await page.getByRole('button', { name: 'Ready now (10) – Big Floor' }).click();
  await expect
    .poll(async () => (await control.requests({ method: 'PUT' })).length)
    .toBeGreaterThanOrEqual(1);
  await page.getByRole('button', { name: 'Stop – Big Floor' }).click();
  const summary = page.getByText(
    /^Ready: \d+ confirmed, 0 waiting for Finesse, 0 refused, \d+ not sent\. Stopped/,
  );
  await expect(summary).toBeVisible({ timeout: 15_000 });
  const [, confirmed, notSent] = /Ready: (\d+) confirmed.* (\d+) not sent/.exec(
    (await summary.textContent()) ?? '',
  ) ?? ['', '', ''];
  expect(Number(confirmed) + Number(notSent)).toBe(10);
  expect(Number(notSent)).toBeGreaterThan(0);
  const puts = await control.requests({ method: 'PUT', path: '/finesse/api/User/' });
  expect(puts).toHaveLength(Number(confirmed));
  expect(new Set(puts.map((p) => p.path)).size).toBe(puts.length);
  await expect(page.getByRole('button', { name: 'Stop – Big Floor' })).toHaveCount(0);
});
