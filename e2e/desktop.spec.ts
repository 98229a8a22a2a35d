// The gadget inside the simulated Finesse desktop, loaded from the built dist/gadget.xml as Finesse
// loads it, with identity, auth and live updates from the desktop. Real Chromium, real simulator.
import type { APIRequestContext, FrameLocator, Page } from '@playwright/test';
import { expect, sim, test } from './sim.ts';

test.beforeEach(async ({ request }) => {
  await sim(request).reset('UCCX');
});

type Shape = 'xml' | 'json' | 'bare';

interface DesktopOptions {
  user?: string;
  folder?: string;
  sso?: boolean;
  /** Which finesse.js the desktop's stand-in plays. */
  finesseJs?: '12' | '10.5';
  /** The desktop is failing over when the gadget loads. */
  failover?: boolean;
  /** How node events are published on the hub. */
  shape?: Shape;
}

/** Signs in to the simulated desktop and waits for the gadget to show the state. */
async function openDesktop(page: Page, options: DesktopOptions = {}): Promise<FrameLocator> {
  const { user = '1001', folder = 'agent-state', sso = false, failover = false } = options;
  const params = new URLSearchParams({
    user,
    gadget: `/3rdpartygadget/files/${folder}/gadget.xml`,
    ...(sso ? { sso: '1' } : {}),
    ...(options.finesseJs ? { finessejs: options.finesseJs } : {}),
    ...(failover ? { failover: '1' } : {}),
    ...(options.shape ? { shape: options.shape } : {}),
  });
  await page.goto(`/desktop/?${params}`);
  await expect(page.locator('#connection-status')).toHaveText(failover ? 'failing' : 'connected');
  const gadget = page.frameLocator('#gadget-frame');
  await expect(gadget.getByRole('status', { name: 'Current state' })).toBeVisible();
  return gadget;
}

/** The simulator's own view of a user's state (what Finesse has applied). */
async function serverState(request: APIRequestContext, userId: string): Promise<string> {
  const state = (await (await request.get('/sim/state')).json()) as {
    users: { loginId: string; state: string }[];
  };
  return state.users.find((u) => u.loginId === userId)?.state ?? '';
}

const currentState = (gadget: FrameLocator) =>
  gadget.getByRole('status', { name: 'Current state' });

/** Reason codes are loaded when the Not Ready menu button is enabled. */
async function reasonsLoaded(gadget: FrameLocator) {
  await expect(gadget.getByRole('button', { name: 'Not Ready', exact: true })).toBeEnabled();
}

async function chooseNotReady(gadget: FrameLocator, reason: string) {
  await gadget.getByRole('button', { name: 'Not Ready', exact: true }).click();
  await gadget.getByRole('menuitem', { name: reason }).click();
}

/** A supervisor's change through the real API, as the team view makes it. */
async function supervisorPut(request: APIRequestContext, agentId: string, xml: string) {
  const response = await request.put(`/finesse/api/User/${agentId}`, {
    headers: {
      Authorization: `Basic ${Buffer.from('2001:demo').toString('base64')}`,
      'Content-Type': 'application/xml',
    },
    data: xml,
  });
  expect(response.status()).toBe(202);
}

/** Agent 1001, Ready with reasons loaded, then on a call (started from the desktop's panel). */
async function openOnACall(page: Page, request: APIRequestContext): Promise<FrameLocator> {
  await sim(request).setState('1001', 'READY');
  const gadget = await openDesktop(page);
  await expect(currentState(gadget)).toHaveText('Ready');
  await reasonsLoaded(gadget);
  await page.getByRole('button', { name: 'Start a call' }).click();
  await expect(currentState(gadget)).toHaveText('Talking');
  return gadget;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('loads dist/gadget.xml from a folder with another name; assets come from that folder', async ({
  page,
  request,
}) => {
  const fetched: string[] = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  const gadget = await openDesktop(page, { folder: 'renamed-42' });

  await expect(currentState(gadget)).toHaveText('Not Ready');
  await expect(page.locator('#gadget-title')).toHaveText('Agent state'); // set by the gadget
  await expect(page.locator('#gadget-problem')).toBeHidden();
  // loadingindicator with manual-dismiss: the gadget dismissed it, it did not time out.
  await expect(page.locator('#gadget-loading')).toBeHidden();
  await expect(page.locator('#gadget-loading')).toHaveAttribute('data-dismissed-by', 'gadget');

  expect(fetched).toContain('/3rdpartygadget/files/renamed-42/gadget.xml');
  expect(
    fetched.some((p) => /^\/3rdpartygadget\/files\/renamed-42\/assets\/gadget-[\w-]+\.js$/.test(p)),
  ).toBe(true);
  // Its stylesheet too, linked from gadget.xml by relative path, and applied.
  await expect(gadget.locator('.state-control')).toHaveCSS('display', 'grid');
  expect(
    fetched.some((p) =>
      /^\/3rdpartygadget\/files\/renamed-42\/assets\/gadget-[\w-]+\.css$/.test(p),
    ),
  ).toBe(true);
  // Nothing of the gadget from the site root or from source: dist works wherever it is put.
  expect(fetched.filter((p) => p.startsWith('/assets/') || p.startsWith('/src/'))).toEqual([]);

  const xml = await (await request.get('/3rdpartygadget/files/renamed-42/gadget.xml')).text();
  expect(xml.startsWith('<?xml')).toBe(true);

  // The desktop's identity and authorization were used; no sign-in form in the gadget.
  await expect(gadget.getByLabel('Password')).toHaveCount(0);
  const gets = await sim(request).requests({ method: 'GET', path: '/finesse/api/User/1001' });
  expect(gets.length).toBeGreaterThan(0);
  expect(gets.every((r) => r.authUser === '1001' && r.status === 200)).toBe(true);
});

test('with SSO the desktop’s token is used as Bearer', async ({ page, request }) => {
  const gadget = await openDesktop(page, { user: '1005', sso: true });
  await expect(currentState(gadget)).toBeVisible();
  const gets = await sim(request).requests({ method: 'GET', path: '/finesse/api/User/1005' });
  expect(gets.length).toBeGreaterThan(0);
  expect(gets.every((r) => r.authUser === '1005' && r.status === 200)).toBe(true);
});

test('reasons are listed by label, loaded once; opening a menu sends no request', async ({
  page,
  request,
}) => {
  const gadget = await openDesktop(page);
  await reasonsLoaded(gadget);
  const reasonGets = await sim(request).requests({ method: 'GET', path: '/ReasonCodes' });
  expect(reasonGets.map((r) => r.search).sort()).toEqual([
    '?category=LOGOUT',
    '?category=NOT_READY',
  ]);
  await sim(request).clearRequests();

  await gadget.getByRole('button', { name: 'Not Ready', exact: true }).click();
  const menu = gadget.getByRole('menu', { name: 'Not Ready: choose a reason' });
  await expect(menu.getByRole('menuitem', { name: 'Meeting' })).toBeVisible();
  await expect(menu.getByRole('menuitem', { name: 'Coaching & Training' })).toBeVisible();
  await expect(menu.getByRole('menuitem', { name: /Supervisor Initiated/ })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await gadget.getByRole('button', { name: 'Sign Out', exact: true }).click();
  await expect(gadget.getByRole('menuitem', { name: 'End of Shift' })).toBeVisible();
  expect(await sim(request).requests()).toEqual([]);
});

test('a change is confirmed by its notification, with no GET after the PUT', async ({
  page,
  request,
}) => {
  const gadget = await openDesktop(page);
  await reasonsLoaded(gadget);
  await sim(request).clearRequests();

  await chooseNotReady(gadget, 'Meeting');
  await expect(currentState(gadget)).toHaveText('Not Ready – Meeting');
  await pause(500); // a late re-read would show up here

  const log = await sim(request).requests();
  expect(log.map((r) => r.method)).toEqual(['PUT']);
  expect(log[0]?.body).toContain('<reasonCodeId>10</reasonCodeId>');
  expect(log[0]?.requestId).toMatch(/^[0-9a-f-]{36}$/);
  // The desktop relayed the Update carrying that requestId.
  await expect(page.locator('#hub-log')).toContainText(`<requestId>${log[0]?.requestId}`);
});

test('a supervisor’s change and a call show without reload or polling', async ({
  page,
  request,
}) => {
  const gadget = await openDesktop(page);
  await reasonsLoaded(gadget);
  await sim(request).clearRequests();

  await supervisorPut(request, '1001', '<User><state>READY</state></User>');
  await expect(currentState(gadget)).toHaveText('Ready');

  await page.getByRole('button', { name: 'Start a call' }).click();
  await expect(currentState(gadget)).toHaveText('Talking');
  await page.getByRole('button', { name: 'End the call' }).click();
  await expect(currentState(gadget)).toHaveText('Ready');

  const gadgetRequests = (await sim(request).requests()).filter((r) => r.authUser === '1001');
  expect(gadgetRequests).toEqual([]);
});

test('a Not Ready chosen during a call is pending, and applies when the call ends', async ({
  page,
  request,
}) => {
  const gadget = await openOnACall(page, request);

  await chooseNotReady(gadget, 'Lunch');
  await expect(gadget.locator('.pending-state')).toHaveText('Not Ready – Lunch after this call');
  await expect(currentState(gadget)).toHaveText('Talking');

  await page.getByRole('button', { name: 'End the call' }).click();
  await expect(currentState(gadget)).toHaveText('Not Ready – Lunch');
  await expect(gadget.locator('.pending-state')).toHaveCount(0);
});

test('a second pending Not Ready during a call: the asynchronous UCCX error shows inline', async ({
  page,
  request,
}) => {
  const gadget = await openOnACall(page, request);
  await chooseNotReady(gadget, 'Lunch');
  await expect(gadget.locator('.pending-state')).toBeVisible();

  await chooseNotReady(gadget, 'Break');
  const error = gadget.getByRole('alert');
  await expect(error).toContainText('Finesse did not change your state to Not Ready – Break.');
  await expect(error).toContainText('Only one pending Not Ready is allowed per call.');
  await expect(error).toContainText('CF_INVALID_AGENT_WORKMODE');
  // The first request still stands.
  await expect(gadget.locator('.pending-state')).toContainText('Not Ready');
});

test('a dropped notification connection: reconnecting, no changes offered; re-read on recovery', async ({
  page,
  request,
}) => {
  const gadget = await openDesktop(page);
  await reasonsLoaded(gadget);

  await page.getByRole('button', { name: 'Drop notification connection' }).click();
  await expect(gadget.getByText('Reconnecting to Finesse…')).toBeVisible();
  await expect(gadget.getByRole('button', { name: 'Ready', exact: true })).toHaveCount(0);
  await expect(gadget.getByRole('button', { name: 'Not Ready', exact: true })).toHaveCount(0);

  // A change while the connection is down: its notification is lost.
  await supervisorPut(request, '1001', '<User><state>READY</state></User>');
  await expect.poll(() => serverState(request, '1001')).toBe('READY');
  await expect(currentState(gadget)).toHaveText('Not Ready');
  await sim(request).clearRequests();

  await page.getByRole('button', { name: 'Restore notification connection' }).click();
  await expect(currentState(gadget)).toHaveText('Ready');
  await expect(gadget.getByText('Reconnecting to Finesse…')).toHaveCount(0);
  await expect(gadget.getByRole('button', { name: 'Not Ready', exact: true })).toBeEnabled();
  const reread = (await sim(request).requests({ method: 'GET' })).map(
    (r) => `${r.path}${r.search}`,
  );
  expect(reread).toEqual(
    expect.arrayContaining([
      '/finesse/api/User/1001',
      '/finesse/api/User/1001/ReasonCodes?category=NOT_READY',
      '/finesse/api/User/1001/ReasonCodes?category=LOGOUT',
    ]),
  );
});

test('the iframe’s height follows the content, also after another desktop tab', async ({
  page,
  request,
}) => {
  const gadget = await openDesktop(page);
  await reasonsLoaded(gadget);
  const frame = page.locator('#gadget-frame');
  const frameHeight = () =>
    frame.evaluate((f: HTMLIFrameElement) => f.getBoundingClientRect().height);
  const contentHeight = () =>
    frame.evaluate((f: HTMLIFrameElement) =>
      Math.ceil(f.contentDocument?.documentElement.getBoundingClientRect().height ?? 0),
    );
  await expect.poll(async () => (await frameHeight()) - (await contentHeight())).toBe(0);
  const closed = await frameHeight();

  await gadget.getByRole('button', { name: 'Not Ready', exact: true }).click();
  await expect(gadget.getByRole('menu')).toBeVisible();
  await expect.poll(frameHeight).toBeGreaterThan(closed + 100);
  await expect(gadget.getByRole('menuitem', { name: 'Coaching & Training' })).toBeInViewport();

  await page.keyboard.press('Escape');
  await expect.poll(frameHeight).toBe(closed);

  // The content changes while the gadget's tab is hidden; back on it, the height is right.
  await page.getByRole('tab', { name: 'My Statistics' }).click();
  await supervisorPut(request, '1001', '<User><state>LOGOUT</state></User>');
  await pause(300);
  await page.getByRole('tab', { name: 'Home' }).click();
  await expect(currentState(gadget)).toHaveText(/^Signed Out/);
  await expect.poll(async () => (await frameHeight()) - (await contentHeight())).toBe(0);
});

test('a slow Finesse: the gadget says it is loading, then shows the state; never blank', async ({
  page,
  request,
}) => {
  // The first screen waits for the user's read (src/gadget.tsx), but not for long.
  await sim(request).config({ latencyMs: 2000 });
  await page.goto(
    `/desktop/?user=1001&gadget=${encodeURIComponent('/3rdpartygadget/files/agent-state/gadget.xml')}`,
  );
  const gadget = page.frameLocator('#gadget-frame');
  await expect(gadget.getByRole('status').filter({ hasText: 'Loading your state…' })).toBeVisible();
  await expect(currentState(gadget)).toHaveText(/^Signed Out|^Not Ready|^Ready/, {
    timeout: 15_000,
  });
  await expect(gadget.getByText('Loading your state…')).toHaveCount(0);
});

// ---- as the real desktop hands things over (finesse.js 10.5(1) source, desktop.md) ----------

test('credentials come only through the desktop’s session: finesse.js sets the pref', async ({
  page,
  request,
}) => {
  // An older desktop's finesse.js (no Config, no getToken): only the authorization pref it sets
  // from the desktop page's sessionStorage carries the credentials.
  const gadget = await openDesktop(page, { finesseJs: '10.5' });
  await reasonsLoaded(gadget);
  const gets = await sim(request).requests({ method: 'GET', path: '/finesse/api/User/1001' });
  expect(gets.length).toBeGreaterThan(0);
  expect(gets.every((r) => r.authUser === '1001' && r.status === 200)).toBe(true);
  // Nothing else gave them: the desktop's prefs have no authorization of their own.
  const authorizationPref = await page
    .frameLocator('#gadget-frame')
    .locator('body')
    .evaluate(() => {
      const w = window as unknown as {
        gadgets: { Prefs: new () => { getString(n: string): string } };
      };
      return new w.gadgets.Prefs().getString('authorization');
    });
  expect(authorizationPref).toBe(
    await page.evaluate(() => window.sessionStorage.getItem('userFinesseAuth')),
  );
});

test('without finesse.js the gadget reads the desktop’s sessionStorage itself', async ({
  page,
  request,
}) => {
  await page.route('**/desktop/assets/js/finesse.js', (route) => route.fulfill({ status: 404 }));
  const gadget = await openDesktop(page);
  await expect(currentState(gadget)).toHaveText('Not Ready');
  const gets = await sim(request).requests({ method: 'GET', path: '/finesse/api/User/1001' });
  expect(gets.every((r) => r.authUser === '1001' && r.status === 200)).toBe(true);
});

test('no credentials anywhere: the gadget says what to do and sends no request', async ({
  page,
  request,
}) => {
  await page.route('**/desktop/assets/js/finesse.js', (route) => route.fulfill({ status: 404 }));
  // A desktop whose page lost its session storage (e.g. opened from a bookmark mid-session).
  await page.addInitScript(() => {
    if (window.top === window) {
      const original = Storage.prototype.setItem;
      Storage.prototype.setItem = function (key: string, value: string) {
        if (key !== 'userFinesseAuth') original.call(this, key, value);
      };
    }
  });
  await sim(request).clearRequests();
  const params = new URLSearchParams({ user: '1001' });
  await page.goto(`/desktop/?${params}`);
  const gadget = page.frameLocator('#gadget-frame');
  await expect(gadget.getByRole('alert')).toContainText(
    'The Finesse desktop did not give this gadget your sign-in',
  );
  await expect(page.locator('#gadget-loading')).toHaveAttribute('data-dismissed-by', 'gadget');
  expect(await sim(request).requests({ path: '/finesse/api/' })).toEqual([]);
});

for (const shape of ['xml', 'json', 'bare'] as const) {
  test(`a change is confirmed by its notification published as ${shape}`, async ({
    page,
    request,
  }) => {
    const gadget = await openDesktop(page, { shape });
    await reasonsLoaded(gadget);
    await sim(request).clearRequests();
    await chooseNotReady(gadget, 'Meeting');
    await expect(currentState(gadget)).toHaveText('Not Ready – Meeting');
    await expect(gadget.getByText(/Changing to/)).toHaveCount(0);
    const log = await sim(request).requests();
    expect(log.map((r) => r.method)).toEqual(['PUT']);

    // A supervisor's change, unsolicited, in the same shape: shown by its notification alone (the
    // gadget reads nothing). How fast is measured by `npm run bench:live`, not timed here.
    await sim(request).config({ applyDelayMs: 0 });
    await supervisorPut(request, '1001', '<User><state>READY</state></User>');
    await expect(currentState(gadget)).toHaveText('Ready');
    expect((await sim(request).requests()).filter((r) => r.authUser === '1001')).toHaveLength(1);
  });
}

test('an asynchronous CTI error arriving as JSON shows inline', async ({ page, request }) => {
  await sim(request).setState('1001', 'READY');
  const gadget = await openDesktop(page, { shape: 'json' });
  await reasonsLoaded(gadget);
  await page.getByRole('button', { name: 'Start a call' }).click();
  await expect(currentState(gadget)).toHaveText('Talking');
  await chooseNotReady(gadget, 'Lunch');
  await expect(gadget.locator('.pending-state')).toBeVisible();
  await chooseNotReady(gadget, 'Break');
  await expect(gadget.getByRole('alert')).toContainText('CF_INVALID_AGENT_WORKMODE');
});

test('started during a failover: reconnecting until recovered (connected is not enough), then one re-read', async ({
  page,
  request,
}) => {
  const gadget = await openDesktop(page, { failover: true });
  await expect(gadget.getByText('Reconnecting to Finesse…')).toBeVisible();
  await expect(gadget.getByRole('button', { name: 'Not Ready', exact: true })).toHaveCount(0);

  // A change during the failover: Finesse applies it, the gadget cannot know yet.
  await sim(request).setState('1001', 'READY');
  await page.getByRole('button', { name: 'Server back (connected)' }).click();
  await expect(page.locator('#connection-status')).toHaveText('connected');
  await expect(gadget.getByText('Reconnecting to Finesse…')).toBeVisible();
  await sim(request).clearRequests();

  await page.getByRole('button', { name: 'Recovered' }).click();
  await expect(currentState(gadget)).toHaveText('Ready');
  await expect(gadget.getByText('Reconnecting to Finesse…')).toHaveCount(0);
  await expect(gadget.getByRole('button', { name: 'Not Ready', exact: true })).toBeEnabled();
  const reread = (await sim(request).requests({ method: 'GET' })).map(
    (r) => `${r.path}${r.search}`,
  );
  expect(reread.sort()).toEqual([
    '/finesse/api/User/1001',
    '/finesse/api/User/1001/ReasonCodes?category=LOGOUT',
    '/finesse/api/User/1001/ReasonCodes?category=NOT_READY',
  ]);
});

test('a failover mid-shift: reconnecting, then up and re-read on recovered', async ({
  page,
  request,
}) => {
  const gadget = await openDesktop(page);
  await reasonsLoaded(gadget);
  await page.getByRole('button', { name: 'Start failover (failing)' }).click();
  await expect(gadget.getByText('Reconnecting to Finesse…')).toBeVisible();
  await sim(request).setState('1001', 'READY');
  await page.getByRole('button', { name: 'Server back (connected)' }).click();
  await expect(page.locator('#connection-status')).toHaveText('connected');
  await page.getByRole('button', { name: 'Recovered' }).click();
  await expect(currentState(gadget)).toHaveText('Ready');
  await expect(gadget.getByText('Reconnecting to Finesse…')).toHaveCount(0);
});

test('an SSO token renewed mid-shift is used from the next request on', async ({
  page,
  request,
}) => {
  const gadget = await openDesktop(page, { user: '1005', sso: true });
  await reasonsLoaded(gadget);
  await page.getByRole('button', { name: 'Renew SSO token' }).click();
  await expect(page.locator('#control-result')).toHaveText(/SSO token renewed/);
  await sim(request).clearRequests();

  await chooseNotReady(gadget, 'Meeting');
  await expect(currentState(gadget)).toHaveText('Not Ready – Meeting');
  const puts = await sim(request).requests({ method: 'PUT' });
  expect(puts.map((r) => [r.authUser, r.status])).toEqual([['1005', 202]]);
});
