// The supervisor's page in real Chromium against the simulated Finesse: sign-in, live team view,
// per-agent actions, refresh behaviour and the hidden-tab pause (checked in the request log).
import AxeBuilder from '@axe-core/playwright';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, signIn, sim, test } from './sim.ts';

test.beforeEach(async ({ request }) => {
  await sim(request).reset('UCCX');
});

function table(page: Page, name = 'Sales & Service') {
  return page.getByRole('table', { name });
}

function row(page: Page, name: string) {
  return page.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
}

async function bodyIds(page: Page, name = 'Sales & Service'): Promise<string[]> {
  return table(page, name).locator('tbody tr td:first-of-type').allTextContents();
}

/**
 * Ana leaves the supervisor's teams between the last refresh and the click: Finesse refuses. The
 * page polls (no Notification Service): live, the move would have taken her row away at once.
 */
async function refusedOnRow(page: Page, request: APIRequestContext) {
  await sim(request).xmppDown();
  await signIn(page, '2001');
  await page.getByLabel('Refresh every').selectOption({ label: '30 s' });
  await expect(row(page, 'Ana Álvarez')).toBeVisible();
  await sim(request).moveToTeam('1001', '30');
  await page.getByRole('button', { name: 'Ready for Ana Álvarez' }).click();
  return row(page, 'Ana Álvarez').getByRole('alert');
}

async function setVisibility(page: Page, state: 'hidden' | 'visible') {
  await page.evaluate((visibility) => {
    Object.defineProperty(document, 'visibilityState', {
      configurable: true,
      get: () => visibility,
    });
    Object.defineProperty(document, 'hidden', {
      configurable: true,
      get: () => visibility === 'hidden',
    });
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
  }, state);
}

test('a supervisor sees their team: every agent, state in words, reasons and counts', async ({
  page,
  request,
}) => {
  await sim(request).setState('1005', 'NOT_READY', 60);
  await signIn(page, '2001');
  await expect(page.getByRole('heading', { name: 'My teams' })).toBeVisible();
  await expect(table(page)).toBeVisible();
  expect(await bodyIds(page)).toEqual(['1001', '1004', '1005', '2001']);
  await expect(row(page, 'Eve Tan')).toContainText('Not Ready - Supervisor Initiated');
  await expect(row(page, 'Dmitri Ivanov')).toContainText('Signed Out');
  await expect(page.getByRole('list', { name: 'Agents by state in Sales & Service' })).toHaveText(
    /Not Ready: 3\s*Signed Out: 1/,
  );
  const gets = await sim(request).requests({ method: 'GET', path: '/finesse/api/Team/' });
  expect(gets[0]).toMatchObject({
    path: '/finesse/api/Team/10',
    search: '?includeLoggedOutAgents=true',
    authUser: '2001',
  });
  // Time in state ticks.
  const time = row(page, 'Eve Tan').locator('td.time-in-state');
  const first = await time.textContent();
  await expect(time).not.toHaveText(first ?? '', { timeout: 3000 });
});

test('Not Ready for an agent: one PUT without reasonCodeId, pending, then confirmed', async ({
  page,
  request,
}) => {
  await signIn(page, '2001');
  const eve = row(page, 'Eve Tan');
  await eve.getByRole('button', { name: 'Not Ready for Eve Tan' }).click();
  await expect(eve).toContainText(/Not Ready pending|Sending Not Ready/);
  await expect(eve).toContainText('Not Ready - Supervisor Initiated', { timeout: 10_000 });
  await expect(eve).not.toContainText('pending');
  // Screen readers hear it from the team's one live region, present from the start.
  await expect(
    page.getByRole('region', { name: 'Sales & Service' }).getByRole('status').first(),
  ).toHaveText('Eve Tan is now Not Ready.');
  const puts = await sim(request).requests({ method: 'PUT' });
  expect(puts).toHaveLength(1);
  expect(puts[0]).toMatchObject({ path: '/finesse/api/User/1005', authUser: '2001', status: 202 });
  expect(puts[0]?.body).toContain('<state>NOT_READY</state>');
  expect(puts[0]?.body).not.toContain('reasonCodeId');
});

test('Sign Out from the keyboard alone', async ({ page, request }) => {
  await signIn(page, '2001');
  const signOut = page.getByRole('button', { name: 'Sign Out for Ana Álvarez' });
  await signOut.focus();
  await page.keyboard.press('Enter');
  await expect(row(page, 'Ana Álvarez')).toContainText('Logged Out - Supervisor Initiated', {
    timeout: 10_000,
  });
  // The focused button went away with the state change: the keyboard stays in Ana's row.
  await expect(page.getByRole('group', { name: 'Actions for Ana Álvarez' })).toBeFocused();
  const puts = await sim(request).requests({ method: 'PUT' });
  expect(puts.map((p) => p.body)).toEqual([expect.stringContaining('<state>LOGOUT</state>')]);
  expect(puts[0]?.body).not.toContain('reasonCodeId');
});

test('an agent moved off the team: Invalid Supervisor is shown on that row', async ({
  page,
  request,
}) => {
  const alert = await refusedOnRow(page, request);
  await expect(alert).toContainText('Finesse did not change Ana Álvarez to Ready.');
  await expect(alert).toContainText('Invalid Supervisor');
  await expect(alert).toContainText('You do not supervise this agent.');
  await expect(row(page, 'Eve Tan').getByRole('alert')).toHaveCount(0);
  const puts = await sim(request).requests({ method: 'PUT' });
  expect(puts).toHaveLength(1);
  expect(puts[0]?.status).toBe(401);
});

test('a polled refresh keeps sort, filter, focus and scroll', async ({ page, request }) => {
  await sim(request).xmppDown();
  await sim(request).bigTeam(300);
  await signIn(page, '2001');
  await page
    .getByRole('combobox', { name: 'Team', exact: true })
    .selectOption({ label: 'Big Floor' });
  await page.getByLabel('Refresh every').selectOption({ label: '2 s' });
  const big = table(page, 'Big Floor');
  // Every agent is in the table: rows of a team this large are virtual (only those near the
  // screen are rendered), so the count is the table's aria-rowcount (header row + 300).
  await expect(big).toHaveAttribute('aria-rowcount', '301');
  await expect(page.getByText('Showing 300 of 300 agents')).toBeVisible();

  const idHeader = big.getByRole('columnheader', { name: /Login ID/ });
  await idHeader.getByRole('button').click();
  await idHeader.getByRole('button').click();
  await expect(idHeader).toHaveAttribute('aria-sort', 'descending');
  await page.getByLabel('Show').selectOption({ label: 'Ready' });
  const shown = await bodyIds(page, 'Big Floor');
  expect(shown.length).toBeGreaterThan(20);
  expect(shown).toEqual([...shown].sort((a, b) => Number(b) - Number(a)));

  // Focus a button far down, which scrolls the page.
  const target = shown[Math.floor(shown.length * 0.8)] ?? '';
  const targetRow = big.locator('tbody tr').filter({ hasText: target });
  const button = targetRow.getByRole('button', { name: /^Not Ready for / });
  await button.focus();
  const scrollY = await page.evaluate(() => window.scrollY);
  expect(scrollY).toBeGreaterThan(0);

  // Something changes on the server; wait for two refreshes to land.
  await sim(request).setState(shown[0] ?? '', 'NOT_READY', 1);
  const before = (await sim(request).requests({ path: '/finesse/api/Team/40' })).length;
  await expect
    .poll(async () => (await sim(request).requests({ path: '/finesse/api/Team/40' })).length, {
      timeout: 10_000,
    })
    .toBeGreaterThanOrEqual(before + 2);
  await expect(big.locator('tbody tr td:first-of-type').first()).not.toHaveText(shown[0] ?? '');

  await expect(idHeader).toHaveAttribute('aria-sort', 'descending');
  await expect(page.getByLabel('Show')).toHaveValue('READY');
  await expect(button).toBeFocused();
  expect(Math.abs((await page.evaluate(() => window.scrollY)) - scrollY)).toBeLessThan(60);
});

test('polling: a hidden tab stops team requests; showing it again refreshes at once', async ({
  page,
  request,
}) => {
  await sim(request).xmppDown();
  await signIn(page, '2001');
  await page.getByLabel('Refresh every').selectOption({ label: '2 s' });
  await expect(table(page)).toBeVisible();
  const teamGets = async () =>
    (await sim(request).requests({ method: 'GET', path: '/finesse/api/Team/' })).length;
  // Live while visible.
  const visibleStart = await teamGets();
  await expect.poll(teamGets, { timeout: 6000 }).toBeGreaterThanOrEqual(visibleStart + 2);

  await setVisibility(page, 'hidden');
  await page.waitForTimeout(500); // a read already on its way may still land
  const hiddenStart = await teamGets();
  await page.waitForTimeout(5000);
  expect(await teamGets()).toBe(hiddenStart);

  await setVisibility(page, 'visible');
  await expect.poll(teamGets, { timeout: 1500 }).toBeGreaterThan(hiddenStart);
});

test('sign-in: single sign-on for a supervisor, and an unknown user name', async ({
  page,
  request,
}) => {
  await page.goto('./');
  await page.getByLabel('User ID').fill('7777');
  const sso = page.getByRole('button', { name: 'Sign in with single sign-on' });
  // IdS answers for a user Finesse does not know (the popup ends on Finesse's error at once).
  const [refused] = await Promise.all([page.waitForEvent('popup'), sso.click()]);
  // Closed by the page (maybe before this line: a window that needed no form closes at once).
  await expect.poll(() => refused.isClosed()).toBe(true);
  await expect(page.getByRole('alert')).toContainText('Single sign-on did not sign you in as 7777');

  await page.getByLabel('User ID').fill('2001');
  const [popup] = await Promise.all([page.waitForEvent('popup'), sso.click()]);
  await popup.getByLabel('Password').fill('demo');
  await popup.getByRole('button', { name: 'Sign in' }).click();
  await expect(table(page)).toBeVisible();
  expect(await page.evaluate(() => localStorage.length)).toBe(0);
  const gets = await sim(request).requests({ path: '/finesse/api/Team/10' });
  expect(gets[0]?.authUser).toBe('2001');
  expect(gets[0]?.bearer).toMatch(/^sso-2001-/);
  expect(page.url()).not.toContain(gets[0]?.bearer ?? '-');

  await page.getByRole('button', { name: 'Sign out of this page' }).click();
  await expect(page.getByLabel('User ID')).toBeVisible();
  expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
});

test('sign-in: an unknown user ID and a wrong password get the honest shared message', async ({
  page,
}) => {
  await signIn(page, '7777', 'whatever');
  await expect(page.getByRole('alert')).toContainText(
    'It gives the same answer for a user ID it does not know as for a wrong password',
  );
  await signIn(page, '2001', 'wrong');
  await expect(page.getByRole('alert')).toContainText('did not accept this user ID and password');
});

test('the team view passes an axe accessibility check, a row error included', async ({
  page,
  request,
}) => {
  await expect(await refusedOnRow(page, request)).toBeVisible();
  const scan = await new AxeBuilder({ page }).include('.team-view').analyze();
  expect(scan.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});

test('team reads are parsed in a worker, and its errors still reach the page as explained errors', async ({
  page,
  request,
}) => {
  const workers: string[] = [];
  page.on('worker', (worker) => workers.push(worker.url()));
  await sim(request).fault({
    match: { method: 'GET', path: '/finesse/api/Team/10' },
    kind: 'html500',
  });
  await signIn(page, '2001');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('internal problem');
  await alert.getByText('Details').click();
  await expect(alert).toContainText('HTTP Status 500');
  expect(workers.some((url) => /teamWorker/.test(url))).toBe(true);
  // Try again: the next read goes through the worker too, and succeeds.
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(table(page)).toBeVisible();
  expect(await bodyIds(page)).toEqual(['1001', '1004', '1005', '2001']);
});
