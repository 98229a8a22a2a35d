// The agent's state control in a browser tab, against the simulated Finesse, in real Chromium.
import { expect, signIn, sim, test } from './sim.ts';
import AxeBuilder from '@axe-core/playwright';

test.beforeEach(async ({ request }) => {
  await sim(request).reset('UCCX');
});

test('picking "Meeting" sends its uri id 10, not its code 6, and shows the new state', async ({
  page,
  request,
}) => {
  await signIn(page, '1001');
  const current = page.getByRole('status', { name: 'Current state' });
  await expect(current).toHaveText('Not Ready');

  await page.getByRole('button', { name: 'Not Ready' }).click();
  await page.getByRole('menuitem', { name: 'Meeting' }).click();

  await expect(current).toHaveText('Not Ready – Meeting');
  const puts = await sim(request).requests({ method: 'PUT', path: '/finesse/api/User/1001' });
  expect(puts).toHaveLength(1);
  expect(puts[0]?.body).toContain('<reasonCodeId>10</reasonCodeId>');
  expect(puts[0]?.body).toContain('<state>NOT_READY</state>');
  expect(puts[0]?.requestId).toMatch(/^[0-9a-f-]{36}$/);
});

test('reasons are listed by label, team-only reasons included, system reasons never', async ({
  page,
}) => {
  await signIn(page, '1001');
  await page.getByRole('button', { name: 'Not Ready' }).click();
  const menu = page.getByRole('menu', { name: 'Not Ready: choose a reason' });
  await expect(menu.getByRole('menuitem', { name: 'Coaching & Training' })).toBeVisible();
  await expect(menu.getByRole('menuitem', { name: 'Meeting' })).toBeVisible();
  await expect(menu.getByRole('menuitem', { name: /Supervisor Initiated/ })).toHaveCount(0);
});

test('the reason menu works from the keyboard alone', async ({ page, request }) => {
  await signIn(page, '1001');
  await expect(page.getByRole('status', { name: 'Current state' })).toHaveText('Not Ready');
  const button = page.getByRole('button', { name: 'Not Ready' });
  // Enabled once the reasons are loaded (focus() does not wait for that, a click would).
  await expect(button).toBeEnabled();
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menuitem', { name: 'Break' })).toBeFocused();
  await page.keyboard.press('End');
  await page.keyboard.press('Escape');
  await expect(button).toBeFocused();
  await expect(page.getByRole('menu')).toHaveCount(0);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('l'); // type-ahead: Lunch
  await expect(page.getByRole('menuitem', { name: 'Lunch' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status', { name: 'Current state' })).toHaveText('Not Ready – Lunch');
  const puts = await sim(request).requests({ method: 'PUT' });
  expect(puts.map((p) => p.body)).toEqual([
    expect.stringContaining('<reasonCodeId>2</reasonCodeId>'),
  ]);
});

test('Sign Out with a reason sends the LOGOUT list id', async ({ page, request }) => {
  await signIn(page, '1001');
  await page.getByRole('button', { name: 'Sign Out', exact: true }).click();
  await page.getByRole('menuitem', { name: 'End of Shift' }).click();
  await expect(page.getByRole('status', { name: 'Current state' })).toHaveText(
    'Signed Out – End of Shift',
  );
  const puts = await sim(request).requests({ method: 'PUT' });
  expect(puts).toHaveLength(1);
  expect(puts[0]?.body).toContain('<state>LOGOUT</state>');
  expect(puts[0]?.body).toContain('<reasonCodeId>20</reasonCodeId>');
});

test('Ready, then the time in state starts again and ticks', async ({ page }) => {
  await signIn(page, '1001');
  await page.getByRole('button', { name: 'Ready', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Current state' })).toHaveText('Ready');
  const timer = page.locator('.time-in-state');
  await expect(timer).toHaveText(/^for 0:0[0-2]$/);
  await expect(timer).not.toHaveText(/^for 0:00$/, { timeout: 3000 });
});

test("time in state follows Finesse's clock, not a PC clock that is an hour off", async ({
  page,
  request,
}) => {
  await sim(request).clock(-3_600_000);
  await signIn(page, '1001');
  await page.getByRole('button', { name: 'Ready', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Current state' })).toHaveText('Ready');
  await expect(page.locator('.time-in-state')).toHaveText(/^for 0:0\d$/);
});

test('a not_allowed answer is shown inline with every field and an explanation', async ({
  page,
  request,
}) => {
  await signIn(page, '1001');
  await sim(request).fault({
    match: { method: 'PUT', path: '/finesse/api/User/1001' },
    kind: 'apiError',
    status: 400,
    errorType: 'Invalid Input',
    errorData: 'finesse.api.reasoncode.not_allowed',
    errorMessage: 'For this operation, Reason Codes are not allowed.',
  });
  await page.getByRole('button', { name: 'Not Ready' }).click();
  await page.getByRole('menuitem', { name: 'Meeting' }).click();

  const alert = page.getByRole('alert');
  await expect(alert).toContainText('did not change your state to Not Ready – Meeting');
  await expect(alert).toContainText('Invalid Input');
  await expect(alert).toContainText('finesse.api.reasoncode.not_allowed');
  await expect(alert).toContainText('For this operation, Reason Codes are not allowed.');
  await expect(alert).toContainText(/supervisor/i);
  await alert.getByText('Details').click();
  await expect(alert).toContainText('400');
  const [put] = await sim(request).requests({ method: 'PUT' });
  expect(put?.requestId).toBeTruthy();
  await expect(alert).toContainText(put?.requestId ?? 'missing');
  // The state is what the server says: unchanged.
  await expect(page.getByRole('status', { name: 'Current state' })).toHaveText('Not Ready');
  await alert.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a 503 during a change is explained, and trying again recovers', async ({ page, request }) => {
  await signIn(page, '1001');
  await sim(request).fault({ match: { method: 'PUT' }, kind: 'status503' });
  await page.getByRole('button', { name: 'Ready', exact: true }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('SERVER_OUT_OF_SERVICE');
  await expect(alert).toContainText(/few seconds/);
  await expect(page.getByRole('status', { name: 'Current state' })).toHaveText('Not Ready');

  await page.getByRole('button', { name: 'Ready', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Current state' })).toHaveText('Ready');
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a truncated XML answer is shown as an error, not a blank gadget', async ({
  page,
  request,
}) => {
  await sim(request).fault({ match: { method: 'GET', path: '/ReasonCodes' }, kind: 'truncated' });
  await signIn(page, '1001');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Reason codes could not be loaded');
  await expect(page.getByRole('status', { name: 'Current state' })).toHaveText('Not Ready');
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await page.getByRole('button', { name: 'Not Ready' }).click();
  await expect(page.getByRole('menuitem', { name: 'Meeting' })).toBeVisible();
});

test('a wrong password says so', async ({ page }) => {
  await signIn(page, '1001', 'not-the-password');
  await expect(page.getByRole('alert')).toContainText(
    'Finesse did not accept this user ID and password',
  );
  await expect(page.getByLabel('User ID')).toHaveValue('1001');
});

test('credentials never reach localStorage', async ({ page }) => {
  await signIn(page, '1001');
  await expect(page.getByRole('status', { name: 'Current state' })).toHaveText('Not Ready');
  expect(await page.evaluate(() => localStorage.length)).toBe(0);
  await page.reload();
  await expect(page.getByRole('status', { name: 'Current state' })).toHaveText('Not Ready');
  await page.getByRole('button', { name: 'Sign out of this page' }).click();
  await expect(page.getByLabel('User ID')).toBeVisible();
  expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
});

test('sign-in and state control pass an axe accessibility check', async ({ page }) => {
  await page.goto('./');
  const signInScan = await new AxeBuilder({ page }).analyze();
  expect(signInScan.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  await signIn(page, '1001');
  await expect(page.getByRole('status', { name: 'Current state' })).toHaveText('Not Ready');
  await expect(page.getByRole('button', { name: 'Not Ready' })).toBeEnabled();
  await page.getByRole('button', { name: 'Not Ready' }).click();
  await expect(page.getByRole('menu')).toBeVisible();
  const stateScan = await new AxeBuilder({ page }).analyze();
  expect(stateScan.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});

test('the built page works from a Finesse third-party gadget folder of any name', async ({
  page,
  request,
}) => {
  const failed: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
  });
  await signIn(page, '1001', 'demo', '/3rdpartygadget/files/state-gadget-v2/index.html');
  await page.getByRole('button', { name: 'Not Ready' }).click();
  await page.getByRole('menuitem', { name: 'Away' }).click();
  await expect(page.getByRole('status', { name: 'Current state' })).toHaveText('Not Ready – Away');
  const [put] = await sim(request).requests({ method: 'PUT' });
  expect(put?.body).toContain('<reasonCodeId>11</reasonCodeId>');
  expect(failed).toEqual([]);
});

test('a 401 with a Basic challenge never opens the browser’s own password dialog', async ({
  page,
  request,
}) => {
  // Chromium asks for credentials through DevTools' Fetch.authRequired wherever it would prompt.
  const cdp = await page.context().newCDPSession(page);
  const challenged: string[] = [];
  cdp.on('Fetch.requestPaused', (event: { requestId: string }) => {
    void cdp.send('Fetch.continueRequest', { requestId: event.requestId }).catch(() => {});
  });
  cdp.on('Fetch.authRequired', (event: { requestId: string; request: { url: string } }) => {
    challenged.push(event.request.url);
    void cdp
      .send('Fetch.continueWithAuth', {
        requestId: event.requestId,
        authChallengeResponse: { response: 'CancelAuth' },
      })
      .catch(() => {});
  });
  await cdp.send('Fetch.enable', { handleAuthRequests: true, patterns: [{ urlPattern: '*' }] });
  // Polling, on a clock the test moves: the next read after the token dies is the poll it sends.
  await sim(request).xmppDown();
  await page.clock.install();

  // A wrong password at sign-in, then a single sign-on session whose token Finesse stops
  // accepting mid-shift (the server's clock passes its expiry before the page's does).
  await signIn(page, '1001', 'wrong');
  await expect(page.getByRole('alert')).toContainText('did not accept this user ID and password');
  const [popup] = await Promise.all([
    page.waitForEvent('popup'),
    page.getByRole('button', { name: 'Sign in with single sign-on' }).click(),
  ]);
  await popup.getByLabel('Password').fill('demo');
  await popup.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('status', { name: 'Current state' })).toHaveText('Not Ready');
  await expect(page.getByRole('button', { name: 'Not Ready', exact: true })).toBeEnabled();
  await sim(request).clock(10 * 60_000);
  await page.clock.fastForward('00:16');
  // The dead session is forgotten: the sign-in form again, the user ID kept, the reason said.
  await expect(page.getByRole('alert')).toContainText('Finesse no longer accepts your sign-in');
  await expect(page.getByLabel('User ID')).toHaveValue('1001');
  await expect(page.getByRole('button', { name: 'Sign in with single sign-on' })).toBeVisible();
  expect(await page.evaluate(() => sessionStorage.length)).toBe(0);

  const refused = (await sim(request).requests()).filter((r) => r.status === 401);
  expect(refused.length).toBeGreaterThanOrEqual(2);
  expect(challenged).toEqual([]);
});

test('signing out of the page signs out every tab opened from it', async ({ page, context }) => {
  await signIn(page, '1001');
  await expect(page.getByRole('status', { name: 'Current state' })).toBeVisible();
  // A tab opened from the page starts with a copy of its session storage, credentials included.
  const [other] = await Promise.all([
    context.waitForEvent('page'),
    page.evaluate(() => void window.open(location.href, '_blank')),
  ]);
  await expect(other.getByRole('status', { name: 'Current state' })).toBeVisible();

  await page.getByRole('button', { name: 'Sign out of this page' }).click();
  await expect(page.getByLabel('User ID')).toBeVisible();
  await expect(other.getByLabel('User ID')).toBeVisible();
  expect(await other.evaluate(() => sessionStorage.length)).toBe(0);
});

test('the built page ships a strict Content-Security-Policy, and no source maps', async ({
  page,
  request,
  blockedByPolicy,
}) => {
  await signIn(page, '1001');
  await expect(page.getByRole('status', { name: 'Current state' })).toBeVisible();
  const policy = await page
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute('content');
  expect(policy).toContain("script-src 'self'");
  expect(policy).toContain("style-src 'self'");
  expect(policy).not.toMatch(/unsafe-inline|unsafe-eval/);
  // The policy is enforced: an inline script is refused.
  const ran = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true';
    document.head.append(script);
    return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
  });
  expect(ran).toBe(false);
  await expect.poll(() => blockedByPolicy.length).toBeGreaterThan(0);
  blockedByPolicy.length = 0; // that refusal was this test's own doing
  const html = await (await request.get('./')).text();
  const scripts = [...html.matchAll(/src="\.\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const script of scripts) {
    // No map beside the bundle (the server answers its page instead), and no pointer to one.
    expect(await (await request.get(`./${script}.map`)).text()).not.toContain('"mappings"');
    expect(await (await request.get(`./${script}`)).text()).not.toContain('sourceMappingURL');
  }
});

test('an oversized reason list is refused unread, and a long one is cut to 200 with a notice', async ({
  page,
  request,
}) => {
  // 25,000 entries (about 5 MB): refused by size, never parsed; the page stays usable.
  await sim(request).fault({
    match: { method: 'GET', path: '/ReasonCodes' },
    kind: 'oversized',
    entries: 25_000,
    times: 2,
  });
  await signIn(page, '1001');
  await expect(page.getByRole('status', { name: 'Current state' })).toHaveText('Not Ready');
  await expect(page.getByRole('alert')).toContainText('far larger answer than it ever should');
  await expect(page.getByRole('button', { name: 'Ready', exact: true })).toBeEnabled();

  // 300 entries: a well-formed list longer than Finesse allows: 200 offered, and said so.
  await sim(request).fault({
    match: { method: 'GET', path: '/ReasonCodes' },
    kind: 'oversized',
    entries: 300,
    times: 2,
  });
  await page.getByRole('button', { name: 'Try again' }).first().click();
  const notReady = page.getByRole('button', { name: 'Not Ready', exact: true });
  await expect(notReady).toBeEnabled();
  await notReady.click();
  await expect(page.getByRole('menu').getByRole('menuitem')).toHaveCount(200);
  await page.keyboard.press('Escape');
  await expect(page.getByText('only the first 200 are offered')).toBeVisible();
});
