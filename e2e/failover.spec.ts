// A Finesse pair's failures, each as Finesse signals it (../shared/finesse/failover.md), in the tab
// and in the gadget: the simulated pair (node A: this origin; node B: the next port) with its
// per-node faults. The page's clock is Playwright's, so waits of seconds are moved, not slept.
import AxeBuilder from '@axe-core/playwright';
import type { APIRequestContext, FrameLocator, Page } from '@playwright/test';
import { expect, sim, signIn, test } from './sim.ts';

const LINE = '#finesse-service-line';
const LIVE = 'Live: changes show as Finesse makes them.';
const CTI_REASON = 'The CTI server connection is down.';

const liveStatus = (page: Page) => page.locator('.live-status [role="status"]');
const readyButton = (scope: Page | FrameLocator) =>
  scope.getByRole('button', { name: 'Ready', exact: true });

type NodePatch = {
  status?: 'IN_SERVICE' | 'OUT_OF_SERVICE' | 'PARTIAL_SERVICE';
  statusReason?: string;
  tomcat?: 'up' | 'down';
  notification?: 'up' | 'down';
  reachable?: boolean;
};

function pair(request: APIRequestContext) {
  const control = sim(request);
  return {
    ...control,
    node: (name: 'a' | 'b', patch: NodePatch) => control.post(`/sim/nodes/${name}`, patch),
    settings: (patch: { finessePresence?: boolean; cors?: boolean }) =>
      control.post('/sim/pair', patch),
    async urls(): Promise<{ a: string; b: string }> {
      const answer = (await (await request.get('/sim/nodes')).json()) as {
        nodes: { name: 'a' | 'b'; url: string }[];
      };
      const url = (name: 'a' | 'b') => answer.nodes.find((n) => n.name === name)?.url ?? '';
      return { a: url('a'), b: url('b') };
    },
    /** `/finesse/api` requests node A answered, from the request log. */
    async apiRequests(): Promise<{ method: string; path: string; node?: string }[]> {
      const log = (await (await request.get('/sim/requests')).json()) as {
        method: string;
        path: string;
        node?: string;
      }[];
      return log.filter((r) => r.path.startsWith('/finesse/api'));
    },
  };
}

/** A mark on the page's window: still there means the page was never reloaded. */
async function markDocument(page: Page) {
  await page.evaluate(() => Object.assign(window, { sameDocument: true }));
}
async function expectSameDocument(page: Page) {
  expect(
    await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument),
  ).toBe(true);
}

/**
 * Whether `until` holds now or once the real work in flight (a check, a reconnection over
 * loopback) has had a moment to finish: on a busy machine that work can take longer than reading
 * the page does, and the page's clock must not move on before it, or the seconds counted would be
 * the machine's, not the page's.
 */
async function holdsOnceSettled(until: () => Promise<boolean>): Promise<boolean> {
  const deadline = Date.now() + 2_000;
  for (;;) {
    if (await until()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Runs the page's clock forward a second at a time until `until` holds; returns seconds taken. */
async function secondsUntil(page: Page, until: () => Promise<boolean>, most: number) {
  for (let second = 0; second <= most; second += 1) {
    if (await holdsOnceSettled(until)) return second;
    await page.clock.runFor(1_000);
  }
  throw new Error(`not within ${most} s of the page's clock`);
}

test.beforeEach(async ({ request }) => {
  await sim(request).reset('UCCX');
});

test.describe('the tab', () => {
  test.beforeEach(async ({ page }) => {
    await page.clock.install();
  });

  test('CTI lost: one line, changes shown but paused, and back without a reload or a lost choice', async ({
    page,
    request,
  }) => {
    const finesse = pair(request);
    await signIn(page, '2001');
    await expect(liveStatus(page)).toHaveText(LIVE);
    const search = page.getByRole('searchbox').first();
    await search.fill('Ana');
    await markDocument(page);
    const agentReady = page.getByRole('button', { name: 'Ready for Ana Álvarez' });
    await expect(agentReady).toBeVisible();

    await finesse.node('a', { status: 'OUT_OF_SERVICE', statusReason: CTI_REASON });
    await expect(page.locator(LINE)).toHaveText(
      'Finesse is out of service: The CTI server connection is down. Changes are paused.',
    );
    // The own state's changes: on screen, disabled, described by the line.
    const notReady = page.getByRole('button', { name: 'Not Ready', exact: true });
    await expect(notReady).toBeDisabled();
    await expect(notReady).toHaveAttribute('aria-describedby', 'finesse-service-line');
    // A team row's: still offered, refused with the reason.
    await expect(agentReady).toHaveAttribute('aria-disabled', 'true');
    await expect(agentReady).toHaveAttribute('aria-describedby', 'finesse-service-line');
    // Pressed anyway (it keeps its focus: aria-disabled): nothing is sent.
    await agentReady.focus();
    await page.keyboard.press('Enter');
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations).toEqual([]);

    await finesse.node('a', { status: 'IN_SERVICE' });
    await expect(page.locator(LINE)).toHaveText('');
    await expect(notReady).toBeEnabled();
    await expect(agentReady).not.toHaveAttribute('aria-disabled');
    await expect(search).toHaveValue('Ana');
    await expectSameDocument(page);
    // Nothing was sent for the click made while paused.
    expect((await finesse.apiRequests()).filter((r) => r.method === 'PUT')).toEqual([]);
  });

  test('Tomcat down, the finesse user’s presence says so: no REST until it is back, then one check', async ({
    page,
    request,
  }) => {
    const finesse = pair(request);
    await signIn(page, '2001');
    await expect(liveStatus(page)).toHaveText(LIVE);
    // The sign-in's reads answered (the team's last): one still on its way when Tomcat goes down
    // would be answered, and logged, in the minute below.
    await expect(page.getByRole('rowheader', { name: 'Ana Álvarez' })).toBeVisible();
    await markDocument(page);

    await finesse.node('a', { tomcat: 'down' });
    await expect(page.locator(LINE)).toHaveText(
      'Finesse’s web services are down. Changes are paused until they are back.',
    );
    await expect(page.getByRole('button', { name: 'Not Ready', exact: true })).toBeDisabled();
    // Cisco's step 3: wait for AVAILABLE. A minute passes without a single REST request.
    await finesse.clearRequests();
    // A second at a time, so the keep-alive pings' answers arrive between the page's timers.
    for (let second = 0; second < 60; second += 1) await page.clock.runFor(1_000);
    expect(await finesse.apiRequests()).toEqual([]);
    await expect(liveStatus(page)).toHaveText(LIVE);

    await finesse.node('a', { tomcat: 'up' });
    await expect(page.locator(LINE)).toHaveText('');
    await expect(page.getByRole('button', { name: 'Not Ready', exact: true })).toBeEnabled();
    const requests = await finesse.apiRequests();
    // AVAILABLE, then check for IN_SERVICE (one read), then what the page shows is read again.
    expect(requests[0]).toMatchObject({ method: 'GET', path: '/finesse/api/SystemInfo' });
    expect(requests.filter((r) => r.path === '/finesse/api/SystemInfo')).toHaveLength(1);
    await expectSameDocument(page);
  });

  test('Tomcat down without the presence: a failed change is the signal, and it comes back by itself', async ({
    page,
    request,
  }) => {
    const finesse = pair(request);
    await finesse.settings({ finessePresence: false });
    await signIn(page, '1001');
    await expect(liveStatus(page)).toHaveText(LIVE);
    await markDocument(page);

    await finesse.node('a', { tomcat: 'down' });
    await readyButton(page).click();
    // The change's own failure is explained where it was asked for; the line says why overall.
    await expect(page.locator(LINE)).toHaveText(
      'Finesse’s web services are down. Changes are paused until they are back.',
    );
    await expect(readyButton(page)).toBeDisabled();

    await finesse.node('a', { tomcat: 'up' });
    const seconds = await secondsUntil(
      page,
      async () => (await page.locator(LINE).textContent()) === '',
      8,
    );
    expect(seconds).toBeLessThanOrEqual(7);
    await expect(readyButton(page)).toBeEnabled();
    await expectSameDocument(page);
  });

  test('Notification Service down: polling meanwhile, live again within seconds of it coming back', async ({
    page,
    request,
  }) => {
    const finesse = pair(request);
    await signIn(page, '1001');
    await expect(liveStatus(page)).toHaveText(LIVE);
    await markDocument(page);

    await finesse.node('a', { notification: 'down' });
    await expect(liveStatus(page)).toContainText('Refreshing every');
    // REST still answers: Finesse is in service, nothing is paused.
    await expect(page.locator(LINE)).toHaveText('');
    await expect(readyButton(page)).toBeEnabled();
    // Down a while: the checks have grown to their longest.
    for (let second = 0; second < 30; second += 1) await page.clock.runFor(1_000);

    await finesse.node('a', { notification: 'up' });
    const seconds = await secondsUntil(
      page,
      async () => (await liveStatus(page).textContent()) === LIVE,
      10,
    );
    // Cisco's step 1: SystemInfo checked every 2–5 s (jittered), XMPP reconnected at IN_SERVICE.
    expect(seconds).toBeLessThanOrEqual(7);
    await expectSameDocument(page);
  });

  test('node down: the other node is offered, the move carries the user ID, and back again', async ({
    page,
    request,
  }) => {
    test.slow();
    const finesse = pair(request);
    const urls = await finesse.urls();
    const hostA = new URL(urls.a).host;
    const hostB = new URL(urls.b).host;
    await signIn(page, '1001', 'demo', urls.a);
    await expect(liveStatus(page)).toHaveText(LIVE);

    await finesse.node('a', { reachable: false });
    await expect(page.locator(LINE)).toHaveText(
      'Finesse is not answering. Changes are paused until it is back.',
    );
    // XMPP went with the node, but the page does not claim to refresh: it reads nothing meanwhile.
    await expect(liveStatus(page)).toHaveText(
      'Not refreshing while changes are paused; everything is read again when Finesse is back.',
    );
    // Not at once: a short outage ends by itself.
    await expect(page.getByRole('link', { name: `Continue on ${hostB}` })).toHaveCount(0);
    for (let second = 0; second < 21; second += 1) await page.clock.runFor(1_000);
    const offer = page.locator('.other-node');
    await expect(offer).toContainText(`Finesse ${hostA} is not answering.`);
    // The page's policy allows no other origin: said, not guessed.
    await expect(offer).toContainText(
      `Whether ${hostB} is in service could not be checked from this page.`,
    );
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations).toEqual([]);
    const link = page.getByRole('link', { name: `Continue on ${hostB}` });
    expect(await link.getAttribute('href')).not.toMatch(/demo|password=|token/i);
    await link.click();

    // On node B: the user ID filled in, why the page is here, and nothing in the address.
    await expect(page).toHaveURL(`${urls.b}/`);
    await expect(page.getByLabel('User ID')).toHaveValue('1001');
    await expect(page.getByText(`You came here from Finesse ${hostA}`)).toBeVisible();
    await page.getByLabel('Password').fill('demo');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(liveStatus(page)).toHaveText(LIVE);
    await expect(readyButton(page)).toBeEnabled();
    // Subscribed again and read again on B: a change made now shows, through B.
    await finesse.setState('1001', 'READY');
    await expect(page.getByRole('status', { name: 'Current state' })).toHaveText(/Ready/);

    // And back: A returns, B goes away.
    await finesse.node('a', { reachable: true });
    await finesse.node('b', { reachable: false });
    for (let second = 0; second < 21; second += 1) await page.clock.runFor(1_000);
    await page.getByRole('link', { name: `Continue on ${hostA}` }).click();
    await expect(page).toHaveURL(`${urls.a}/`);
    // This tab's session on A is still there (sessionStorage is per origin): signed in at once.
    await expect(liveStatus(page)).toHaveText(LIVE);
    await expect(page.getByRole('status', { name: 'Current state' })).toHaveText(/Ready/);
  });

  test('an Update over the limit is refused before parsing, counted, and the user read again', async ({
    page,
    request,
  }) => {
    const finesse = pair(request);
    await signIn(page, '1001');
    await expect(liveStatus(page)).toHaveText(LIVE);
    await finesse.clearRequests();
    await finesse.post('/sim/users/1001/oversized-update', { chars: 2_000_000 });
    await expect(
      page.getByText(
        'Finesse sent 1 update too large to read; the page read the data again instead.',
      ),
    ).toBeVisible();
    await expect
      .poll(async () => (await finesse.apiRequests()).map((r) => `${r.method} ${r.path}`))
      .toContain('GET /finesse/api/User/1001');
    await expect(liveStatus(page)).toHaveText(LIVE);
    await expect(readyButton(page)).toBeEnabled();
  });
});

test.describe('the gadget in the desktop', () => {
  async function openDesktop(page: Page): Promise<FrameLocator> {
    const params = new URLSearchParams({
      user: '1001',
      gadget: '/3rdpartygadget/files/agent-state/gadget.xml',
    });
    await page.goto(`/desktop/?${params}`);
    await expect(page.locator('#connection-status')).toHaveText('connected');
    const gadget = page.frameLocator('#gadget-frame');
    await expect(gadget.getByRole('status', { name: 'Current state' })).toBeVisible();
    await expect(gadget.getByRole('button', { name: 'Not Ready', exact: true })).toBeEnabled();
    return gadget;
  }

  test('CTI lost reaches the gadget on the hub: one line, paused, back', async ({
    page,
    request,
  }) => {
    const finesse = pair(request);
    const gadget = await openDesktop(page);
    await finesse.node('a', { status: 'OUT_OF_SERVICE', statusReason: CTI_REASON });
    await expect(gadget.locator(LINE)).toHaveText(
      'Finesse is out of service: The CTI server connection is down. Changes are paused.',
    );
    const notReady = gadget.getByRole('button', { name: 'Not Ready', exact: true });
    await expect(notReady).toBeDisabled();
    await expect(notReady).toHaveAttribute('aria-describedby', 'finesse-service-line');
    await finesse.node('a', { status: 'PARTIAL_SERVICE' });
    await expect(gadget.locator(LINE)).toHaveText(
      'Finesse is partly out of service: no reason given. Changes are paused.',
    );
    await finesse.node('a', { status: 'IN_SERVICE' });
    await expect(gadget.locator(LINE)).toHaveText('');
    await expect(notReady).toBeEnabled();
  });

  test('Tomcat down: a failed change says so, and the gadget checks back by itself', async ({
    page,
    request,
  }) => {
    await page.clock.install();
    const finesse = pair(request);
    const gadget = await openDesktop(page);
    await finesse.node('a', { tomcat: 'down' });
    await readyButton(gadget).click();
    await expect(gadget.locator(LINE)).toHaveText(
      'Finesse’s web services are down. Changes are paused until they are back.',
    );
    await finesse.node('a', { tomcat: 'up' });
    // Far apart inside the desktop (every agent runs the gadget): 5–30 s.
    const seconds = await secondsUntil(
      page,
      async () => (await gadget.locator(LINE).textContent()) === '',
      40,
    );
    expect(seconds).toBeLessThanOrEqual(38);
    await expect(readyButton(gadget)).toBeEnabled();
  });

  test('node down: the desktop fails over to the other node and the gadget works there', async ({
    page,
    request,
  }) => {
    test.slow();
    const finesse = pair(request);
    const urls = await finesse.urls();
    await openDesktop(page);
    await finesse.node('a', { reachable: false });
    // The desktop moves the whole page to node B, where it recovers.
    await expect(page).toHaveURL(new RegExp(`^${urls.b}/desktop/`), { timeout: 20_000 });
    await expect(page.locator('#connection-status')).toHaveText('connected', { timeout: 20_000 });
    const gadget = page.frameLocator('#gadget-frame');
    await expect(gadget.locator(LINE)).toHaveText('');
    await expect(readyButton(gadget)).toBeEnabled();
    await readyButton(gadget).click();
    await expect(gadget.getByRole('status', { name: 'Current state' })).toHaveText('Ready');
    const puts = (await finesse.apiRequests()).filter((r) => r.method === 'PUT');
    expect(puts).toHaveLength(1);
    expect(puts[0]?.node).toBe('b');
  });
});
