// Single sign-on in real Chromium: the sign-in page by systemAuthMode, the whole popup flow through
// the simulated IdS and IdP (on another origin), renewal at 75% on the page's clock, the renew
// banner and its popup, the end of a refresh token, UCCE login names, the live link's token.
import AxeBuilder from '@axe-core/playwright';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, sim, test } from './sim.ts';

test.beforeEach(async ({ request }) => {
  // Every test here opens windows and goes through the IdP, several times in some: on a busy
  // 2-core machine that takes longer than one page's test. The bound is tripled; each step still
  // waits for the state itself.
  test.slow();
  await sim(request).reset('UCCX');
});

const ssoButton = (page: Page) => page.getByRole('button', { name: 'Sign in with single sign-on' });
const currentState = (page: Page) => page.getByRole('status', { name: 'Current state' });

/** The popup's whole way: IdS, the IdP's form (password typed as a user would), back to Finesse. */
async function signInSso(page: Page, userId: string, password: string | null = 'demo') {
  await page.getByLabel('User ID').fill(userId);
  const [popup] = await Promise.all([page.waitForEvent('popup'), ssoButton(page).click()]);
  if (password !== null) {
    await popup.getByLabel('Password').fill(password);
    await Promise.all([
      popup.waitForEvent('close'),
      popup.getByRole('button', { name: 'Sign in' }).click(),
    ]);
  }
  return popup;
}

/**
 * Signs in with single sign-on, tokens living 120 s, on a clock the test moves (`page.clock`: a
 * renewal is due at 1:30).
 */
async function signInOnClock(page: Page, request: APIRequestContext, userId: string) {
  await sim(request).ssoConfig({ tokenLifetimeS: 120 });
  await page.clock.install();
  await page.goto('./');
  await signInSso(page, userId);
}

async function grantOf(request: APIRequestContext, loginId: string) {
  const state = await sim(request).ssoState();
  return state.grants.filter((g) => g.loginId === loginId);
}

/** The Bearer token of the last REST request the page sent. */
async function lastBearer(request: APIRequestContext): Promise<string | null> {
  const requests = await sim(request).requests({ path: '/finesse/api/' });
  return requests.at(-1)?.bearer ?? null;
}

test('HYBRID: both ways offered; a supervisor signs in through the IdP in a popup', async ({
  page,
  request,
}) => {
  await page.goto('./');
  await expect(ssoButton(page)).toBeVisible();
  await expect(page.getByLabel('Password')).toBeVisible();
  const scan = await new AxeBuilder({ page }).include('.sign-in').analyze();
  expect(scan.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  const popup = await signInSso(page, '2001');
  expect(popup.isClosed()).toBe(true);
  await expect(currentState(page)).toBeVisible();
  await expect(page.getByRole('table', { name: 'Sales & Service' })).toBeVisible();
  const [grant] = await grantOf(request, '2001');
  expect(await lastBearer(request)).toBe(grant?.token);
  // The token lives in this tab's sessionStorage only, never in a URL or localStorage.
  expect(page.url()).not.toContain(grant?.token ?? '-');
  expect(await page.evaluate(() => localStorage.length)).toBe(0);
  expect(await page.evaluate(() => JSON.stringify(sessionStorage))).toContain(
    grant?.refreshToken ?? '-',
  );

  await page.getByRole('button', { name: 'Sign out of this page' }).click();
  await expect(ssoButton(page)).toBeVisible();
  expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
});

test('SSO: single sign-on only; NON_SSO: the password only', async ({ page, request }) => {
  await sim(request).ssoConfig({ authMode: 'SSO' });
  await page.goto('./');
  await expect(ssoButton(page)).toBeVisible();
  await expect(page.getByLabel('Password')).toHaveCount(0);
  // Enter in the user ID field starts single sign-on: there is nothing else to submit.
  await page.getByLabel('User ID').fill('1001');
  const [popup] = await Promise.all([
    page.waitForEvent('popup'),
    page.getByLabel('User ID').press('Enter'),
  ]);
  await popup.getByLabel('Password').fill('demo');
  await popup.getByRole('button', { name: 'Sign in' }).click();
  await expect(currentState(page)).toBeVisible();

  // Signed out first: a NON_SSO server refuses the session's token from then on.
  await page.getByRole('button', { name: 'Sign out of this page' }).click();
  await sim(request).ssoConfig({ authMode: 'NON_SSO' });
  await page.reload();
  await expect(page.getByLabel('Password')).toBeVisible();
  await expect(ssoButton(page)).toHaveCount(0);
});

test('HYBRID: a refusal of one way names the other', async ({ page, request }) => {
  await sim(request).userAuth('2001', 'sso');
  await sim(request).userAuth('1001', 'password');
  await page.goto('./');
  await page.getByLabel('User ID').fill('2001');
  await page.getByLabel('Password').fill('demo');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText(
    'If your account uses single sign-on, select “Sign in with single sign-on” instead.',
  );

  const popup = await signInSso(page, '1001', null);
  // Closed by the page (maybe before this line: a window that needed no form closes at once).
  await expect.poll(() => popup.isClosed()).toBe(true);
  await expect(page.getByRole('alert')).toContainText('Single sign-on did not sign you in as 1001');
  await expect(page.getByRole('alert')).toContainText('If your account signs in with a password');
});

test('every way single sign-on can fail ends in a message; nothing hangs', async ({
  page,
  request,
}) => {
  await page.goto('./');

  // The user closes the popup at the IdP.
  let popup = await signInSso(page, '2001', null);
  await popup.getByLabel('Password').waitFor();
  await popup.close();
  await expect(page.getByRole('alert')).toContainText('The sign-in window was closed');
  await expect(ssoButton(page)).toBeEnabled();

  // The IdP refuses.
  await sim(request).ssoFault('idpRefuses');
  await signInSso(page, '2001');
  await expect(page.getByRole('alert')).toContainText(/did not sign you in as 2001.*access_denied/);

  // /desktop/sso/token answers 500.
  await sim(request).ssoFault('token500');
  popup = await signInSso(page, '2001', null);
  // Closed by the page (maybe before this line: a window that needed no form closes at once).
  await expect.poll(() => popup.isClosed()).toBe(true);
  await expect(page.getByRole('alert')).toContainText(
    'Finesse could not complete single sign-on (HTTP 500)',
  );

  // Cancel from the page closes the window.
  popup = await signInSso(page, '2001', null);
  await popup.getByLabel('Password').waitFor();
  await Promise.all([
    popup.waitForEvent('close'),
    page.getByRole('button', { name: 'Cancel single sign-on' }).click(),
  ]);
  await expect(ssoButton(page)).toBeEnabled();
});

test('a popup blocker: the page says so', async ({ page }) => {
  // What window.open answers when the browser blocks a popup (HTML: "null").
  await page.addInitScript(() => {
    window.open = () => null;
  });
  await page.goto('./');
  await page.getByLabel('User ID').fill('2001');
  await ssoButton(page).click();
  await expect(page.getByRole('alert')).toContainText('Your browser blocked the sign-in window');
});

test('renewal at 75% of the lifetime, proved by the next request carrying the new token; several lifetimes; the live link reconnects with the current token', async ({
  page,
  request,
}) => {
  await signInOnClock(page, request, '1001');
  await expect(currentState(page)).toHaveText('Not Ready');
  await expect(page.getByText('Live: changes show as Finesse makes them.')).toBeVisible();
  const [first] = await grantOf(request, '1001');

  for (let lifetime = 1; lifetime <= 3; lifetime++) {
    const before = (await grantOf(request, '1001'))[0]?.token;
    // 75% of 120 s: the page renews by itself.
    await page.clock.fastForward('01:31');
    await expect.poll(async () => (await grantOf(request, '1001'))[0]?.token).not.toBe(before);
  }
  const [renewed] = await grantOf(request, '1001');
  expect(renewed?.refreshToken).toBe(first?.refreshToken);
  await page.getByRole('button', { name: 'Ready', exact: true }).click();
  await expect(currentState(page)).toHaveText('Ready');
  const puts = await sim(request).requests({ method: 'PUT', path: '/finesse/api/User/1001' });
  expect(puts.at(-1)?.bearer).toBe(renewed?.token);
  await expect(page.getByRole('button', { name: 'Renew' })).toHaveCount(0);

  // The Notification Service is cut: the link signs in again with the current token (the old
  // ones are refused by now) and the page is live again.
  await sim(request).xmppDrop('1001');
  await expect(page.getByText('Live: changes show as Finesse makes them.')).toBeVisible({
    timeout: 20_000,
  });
  const xmpp = await (await request.get('/sim/xmpp')).json();
  expect(JSON.stringify(xmpp)).toContain('1001');
});

test("a supervisor's team reads, made in the team worker, carry the renewed token", async ({
  page,
  request,
}) => {
  // Polling: the team is read every few seconds, in the worker.
  await sim(request).xmppDown();
  const workers: string[] = [];
  page.on('worker', (worker) => workers.push(worker.url()));
  await signInOnClock(page, request, '2001');
  await expect(page.getByRole('table', { name: 'Sales & Service' })).toBeVisible();
  expect(workers.some((url) => /teamWorker/.test(url))).toBe(true);
  const [first] = await grantOf(request, '2001');
  await page.clock.fastForward('01:31');
  await expect.poll(async () => (await grantOf(request, '2001'))[0]?.token).not.toBe(first?.token);
  const [renewed] = await grantOf(request, '2001');
  await expect
    .poll(async () =>
      (await sim(request).requests({ path: '/finesse/api/Team/10' })).some(
        (r) => r.bearer === renewed?.token && r.status === 200,
      ),
    )
    .toBe(true);
  await expect(page.getByRole('table', { name: 'Sales & Service' })).toBeVisible();
});

test('renewal that needs the browser: the banner, well before expiry, and its popup', async ({
  page,
  request,
}) => {
  await signInOnClock(page, request, '1001');
  await expect(currentState(page)).toBeVisible();
  // IdS wants the user's browser, and goes on wanting it until the user has been there: every
  // renewal by POST meets it, not only the first.
  await sim(request).ssoFault('renewNeedsBrowser', 10);
  await page.clock.fastForward('01:31');
  const banner = page.locator('.renew');
  await expect(banner).toContainText(/Your sign-in ends in 0:[0-2]\d\./);
  await expect(banner).toContainText('Finesse needs you to sign in again');
  // The page keeps working meanwhile.
  await page.getByRole('button', { name: 'Ready', exact: true }).click();
  await expect(currentState(page)).toHaveText('Ready');
  const scan = await new AxeBuilder({ page }).include('.renew').analyze();
  expect(scan.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  // The IdP remembers the user: the popup goes straight through and closes.
  const before = (await grantOf(request, '1001')).map((g) => g.token);
  const [popup] = await Promise.all([
    page.waitForEvent('popup'),
    banner.getByRole('button', { name: 'Renew' }).click(),
  ]);
  // Closed by the page (maybe before this line: a window that needed no form closes at once).
  await expect.poll(() => popup.isClosed()).toBe(true);
  await expect(banner).toHaveCount(0);
  const after = await grantOf(request, '1001');
  const fresh = after.find((g) => !before.includes(g.token));
  await page.getByRole('button', { name: 'Not Ready', exact: true }).click();
  await page.getByRole('menuitem').first().click();
  await expect(currentState(page)).toHaveText(/^Not Ready/);
  expect(await lastBearer(request)).toBe(fresh?.token);
});

test('an expired refresh token ends the session with the reason; the user name and the settings are kept', async ({
  page,
  request,
}) => {
  await sim(request).ssoConfig({ tokenLifetimeS: 120 });
  await page.clock.install();
  await page.goto('./');
  await page.getByLabel('Language').selectOption({ label: 'Deutsch' });
  await page.getByLabel('Benutzer-ID').fill('srivera');
  const [popup] = await Promise.all([
    page.waitForEvent('popup'),
    page.getByRole('button', { name: /Single Sign-On/ }).click(),
  ]);
  await popup.getByLabel('Password').fill('demo');
  await popup.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('.team-view')).toBeVisible();
  const search = page.locator('.team-view input[type="search"]');
  await search.fill('Ana');

  await sim(request).expireRefresh();
  await page.clock.fastForward('01:31');
  await expect(page.getByRole('alert')).toContainText('Single-Sign-On');
  await expect(page.getByLabel('Benutzer-ID')).toHaveValue('srivera');
  // The session is gone from this tab's storage (the team view's settings are not the session).
  expect(
    await page.evaluate(() => sessionStorage.getItem('finesse-state-gadget.session')),
  ).toBeNull();
  // Still German: the language is not the session's. Signing in again finds the view as it was.
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  const [again] = await Promise.all([
    page.waitForEvent('popup'),
    page.getByRole('button', { name: /Single Sign-On/ }).click(),
  ]);
  // Closed by the page (maybe before this line: a window that needed no form closes at once).
  await expect.poll(() => again.isClosed()).toBe(true);
  await expect(search).toHaveValue('Ana');
});

test('UCCE: a login name signs in, and every later call uses the loginId', async ({
  page,
  request,
}) => {
  await sim(request).reset('UCCE');
  await sim(request).ssoConfig({ ssoUserId: 'loginName' });
  await page.goto('./');
  await signInSso(page, 'aalvarez');
  await expect(currentState(page)).toBeVisible();
  const paths = (await sim(request).requests({ path: '/finesse/api/User/' })).map((r) => r.path);
  expect(paths[0]).toBe('/finesse/api/User/aalvarez');
  expect(paths.slice(1).every((p) => p.startsWith('/finesse/api/User/1001'))).toBe(true);
  expect(paths.length).toBeGreaterThan(1);
});

test('tabs: a tab signed in on its own keeps its session when another renews; a duplicated tab shares the renewal', async ({
  page,
  context,
  request,
}) => {
  await sim(request).xmppDown();
  await signInOnClock(page, request, '1001');
  await expect(currentState(page)).toBeVisible();

  // A second tab, signed in by itself: its own grant (the IdP remembers the user: no form).
  const own = await context.newPage();
  await own.clock.install();
  await own.goto('./');
  const popup = await signInSso(own, '1001', null);
  // Closed by the page (maybe before this line: a window that needed no form closes at once).
  await expect.poll(() => popup.isClosed()).toBe(true);
  await expect(currentState(own)).toBeVisible();
  expect(await grantOf(request, '1001')).toHaveLength(2);

  // A tab duplicated from the first starts with a copy of its session: the same grant.
  const [copy] = await Promise.all([
    context.waitForEvent('page'),
    page.evaluate(() => void window.open(location.href, '_blank')),
  ]);
  await expect(currentState(copy)).toBeVisible();

  // The page's clock is the context's: every tab's jumps. Each grant is renewed once, by one tab:
  // the first tab renews its own (the copy holds the same grant and waits), the tab signed in by
  // itself renews its own. The copy takes the first tab's new token; nobody is signed out.
  const before = (await grantOf(request, '1001')).map((g) => g.token);
  await page.clock.fastForward('01:31');
  await expect
    .poll(async () => (await grantOf(request, '1001')).filter((g) => before.includes(g.token)))
    .toHaveLength(0);
  const stored = (tab: Page) =>
    tab.evaluate(
      () =>
        JSON.parse(sessionStorage.getItem('finesse-state-gadget.session') ?? 'null') as {
          auth: { token: string };
          sso: { grantId: string };
        } | null,
    );
  // Both tabs of the first grant hold its new token (the server renewed it: the answer may still
  // be on its way to the first tab).
  const newest = (await grantOf(request, '1001')).map((g) => g.token);
  await expect.poll(async () => newest.includes((await stored(page))?.auth.token ?? '')).toBe(true);
  await expect
    .poll(async () => (await stored(copy))?.auth.token)
    .toBe((await stored(page))?.auth.token);
  const [first, second] = [await stored(page), await stored(own)];
  expect(first?.sso.grantId).not.toBe(second?.sso.grantId);
  expect((await grantOf(request, '1001')).map((g) => g.token).sort()).toEqual(
    [first?.auth.token, second?.auth.token].sort(),
  );
  // Both still work.
  await copy.getByRole('button', { name: 'Ready', exact: true }).click();
  await expect(currentState(copy)).toHaveText('Ready');
  await own.reload();
  await expect(currentState(own)).toHaveText('Ready');
});
