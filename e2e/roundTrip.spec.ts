// Requests to a usable page, counted in Chromium's own network events (the order in which requests
// start and finish, never their timing): after signing in to the tab, the sign-in's read of the
// user, then ONE round of parallel reads (SystemInfo and both reason lists), usable with any later
// read held back; the live connection's own read of the user comes after, in the background; in
// the desktop, the reads that need no subscription at once and the user's right after its own.
import type { Page } from '@playwright/test';
import { expect, sim, test } from './sim.ts';

test.beforeEach(async ({ request }) => {
  await sim(request).reset('UCCX');
});

type NetworkEvent = { event: 'start' | 'end'; request: string };

/** Every Finesse REST request of the page and its frames, as it starts and as it ends. */
function recordFinesse(page: Page): NetworkEvent[] {
  const events: NetworkEvent[] = [];
  const name = (url: string, method: string) => {
    const { pathname, search } = new URL(url);
    return pathname.startsWith('/finesse/api/') ? `${method} ${pathname}${search}` : null;
  };
  page.on('request', (r) => {
    const request = name(r.url(), r.method());
    if (request) events.push({ event: 'start', request });
  });
  const end = (r: { url(): string; method(): string }) => {
    const request = name(r.url(), r.method());
    if (request) events.push({ event: 'end', request });
  };
  page.on('requestfinished', end);
  page.on('requestfailed', end);
  return events;
}

const started = (events: NetworkEvent[]) =>
  events.filter((e) => e.event === 'start').map((e) => e.request);
const ended = (events: NetworkEvent[]) =>
  events.filter((e) => e.event === 'end').map((e) => e.request);
const index = (events: NetworkEvent[], event: NetworkEvent['event'], request: string) =>
  events.findIndex((e) => e.event === event && e.request === request);

/**
 * Signs in on the tab, recording from the click: the sign-in page's own read of SystemInfo (which
 * ways to offer, read before anyone signs in and without credentials) is not part of the count.
 */
async function signInRecorded(page: Page, userId: string): Promise<NetworkEvent[]> {
  await page.goto('./');
  await page.getByLabel('User ID').fill(userId);
  await page.getByLabel('Password').fill('demo');
  const events = recordFinesse(page);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  return events;
}

/** Every one of `requests` starts before any of them ends: they went out as one round. */
function expectOneRound(events: NetworkEvent[], requests: string[]) {
  const starts = requests.map((r) => index(events, 'start', r));
  const ends = requests.map((r) => index(events, 'end', r));
  expect(starts.every((i) => i >= 0) && ends.every((i) => i >= 0)).toBe(true);
  expect(Math.max(...starts)).toBeLessThan(Math.min(...ends));
}

const PAGE_ROUND = [
  'GET /finesse/api/SystemInfo',
  'GET /finesse/api/User/1001/ReasonCodes?category=NOT_READY',
  'GET /finesse/api/User/1001/ReasonCodes?category=LOGOUT',
];

/**
 * Holds every read of the user after the first (the sign-in's) until `release()`: whatever the
 * page shows meanwhile needed no second read.
 */
async function holdLaterUserReads(page: Page, userId: string) {
  let reads = 0;
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(new RegExp(`/finesse/api/User/${userId}$`), async (route) => {
    if (route.request().method() !== 'GET' || ++reads === 1) return route.continue();
    await released;
    return route.continue();
  });
  return { release, reads: () => reads };
}

test("tab: usable after the sign-in's read and one round of parallel reads", async ({ page }) => {
  const held = await holdLaterUserReads(page, '1001');
  const events = await signInRecorded(page, '1001');
  const current = page.getByRole('status', { name: 'Current state' });
  await expect(current).toHaveText('Not Ready');
  await expect(page.getByRole('button', { name: 'Not Ready', exact: true })).toBeEnabled();

  // Usable with every later read of the user held back (the live connection's may have started
  // by now): only the sign-in's was answered.
  expect(ended(events).filter((r) => r === 'GET /finesse/api/User/1001')).toHaveLength(1);
  const first = started(events);
  expect(first[0]).toBe('GET /finesse/api/User/1001');
  // The sign-in's read, alone (a mistyped password costs one attempt, not four), then the round.
  expect(index(events, 'end', 'GET /finesse/api/User/1001')).toBeLessThan(
    index(events, 'start', PAGE_ROUND[0] ?? ''),
  );
  expect(first.filter((r) => r !== 'GET /finesse/api/User/1001').sort()).toEqual(
    [...PAGE_ROUND].sort(),
  );
  expectOneRound(events, PAGE_ROUND);

  // Coming live reads the user once more, in the background: Finesse does not replay what
  // changed during the XMPP handshake.
  await expect(page.locator('.live-status [role="status"]')).toHaveText(/^Live/);
  await expect.poll(held.reads).toBe(2);
  held.release();
  await page.getByRole('button', { name: 'Ready', exact: true }).click();
  await expect(current).toHaveText('Ready');
  // The change is confirmed by its notification: no further read of the user.
  expect(started(events).filter((r) => r === 'GET /finesse/api/User/1001')).toHaveLength(2);
});

test('tab: a supervisor is usable after one round too; the team after its subscription', async ({
  page,
}) => {
  const held = await holdLaterUserReads(page, '2001');
  const events = await signInRecorded(page, '2001');
  await expect(page.getByRole('button', { name: 'Not Ready', exact: true })).toBeEnabled();
  // Usable with only the sign-in's read of the user answered: the live connection's own read
  // may have started by now, but it is held back.
  expect(ended(events).filter((r) => r === 'GET /finesse/api/User/2001')).toHaveLength(1);
  expectOneRound(events, [
    'GET /finesse/api/SystemInfo',
    'GET /finesse/api/User/2001/ReasonCodes?category=NOT_READY',
    'GET /finesse/api/User/2001/ReasonCodes?category=LOGOUT',
  ]);
  held.release();
  await expect(page.locator('.live-status [role="status"]')).toHaveText(/^Live/);
  await expect(
    page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Ana Álvarez' }) }),
  ).toBeVisible();
  expect(started(events)).toContain('GET /finesse/api/Team/10?includeLoggedOutAgents=true');
});

/**
 * In the gadget's frame, the order of its first Finesse reads and its hub subscriptions, as the
 * frame makes them (fetch and gadgets.Hub.subscribe wrapped before any of its scripts run).
 */
async function recordGadgetStart(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    if (window === window.top) return;
    const log: string[] = [];
    (window as unknown as { __start: string[] }).__start = log;
    const fetchOriginal = window.fetch.bind(window);
    window.fetch = (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input), document.baseURI);
      if (url.pathname.startsWith('/finesse/api/')) {
        log.push(`${init?.method ?? 'GET'} ${url.pathname}${url.search}`);
      }
      return fetchOriginal(input, init);
    };
    type Hub = { subscribe(topic: string, ...rest: unknown[]): unknown; __wrapped?: true };
    let gadgets: { Hub?: Hub } | undefined;
    Object.defineProperty(window, 'gadgets', {
      configurable: true,
      set: (value: { Hub?: Hub }) => (gadgets = value),
      get: () => {
        const hub = gadgets?.Hub;
        if (hub && !hub.__wrapped) {
          const subscribe = hub.subscribe.bind(hub);
          hub.subscribe = (topic, ...rest) => {
            log.push(`subscribe ${topic}`);
            return subscribe(topic, ...rest);
          };
          hub.__wrapped = true;
        }
        return gadgets;
      },
    });
  });
  return () =>
    page
      .frameLocator('#gadget-frame')
      .locator('body')
      .evaluate(() => [...(window as unknown as { __start: string[] }).__start]);
}

test('desktop: the reads no notification replaces leave at once; the user after its subscription', async ({
  page,
}) => {
  const events = recordFinesse(page);
  const order = await recordGadgetStart(page);
  await page.goto(
    `/desktop/?${new URLSearchParams({ user: '1001', gadget: '/3rdpartygadget/files/agent-state/gadget.xml' })}`,
  );
  const gadget = page.frameLocator('#gadget-frame');
  const current = gadget.getByRole('status', { name: 'Current state' });
  await expect(current).toHaveText('Not Ready');
  await expect(gadget.getByRole('button', { name: 'Not Ready', exact: true })).toBeEnabled();
  await gadget.getByRole('button', { name: 'Ready', exact: true }).click();
  await expect(current).toHaveText('Ready');

  // Four reads in all, each once; SystemInfo and both reason lists as one round.
  expect(started(events).filter((r) => r.startsWith('GET '))).toHaveLength(4);
  expectOneRound(events, PAGE_ROUND);
  // Those three leave as the gadget's script runs, before the hub is connected (nothing of theirs
  // comes by notification). The user is read only once the gadget has subscribed to the user's
  // node, as finesse.js reads a User (finesse-10.5.1.js RestBase.init: subscribe, and in its
  // success callback _synchronize, the GET): no Update can fall between the read and the
  // subscription.
  const steps = await order();
  const firstSubscription = steps.findIndex((step) => step.startsWith('subscribe '));
  const userRead = steps.indexOf('GET /finesse/api/User/1001');
  expect(firstSubscription).toBeGreaterThan(-1);
  for (const read of PAGE_ROUND) {
    expect(steps.indexOf(read)).toBeGreaterThan(-1);
    expect(steps.indexOf(read)).toBeLessThan(firstSubscription);
  }
  expect(userRead).toBeGreaterThan(steps.indexOf('subscribe finesse.api.User.1001'));
  expect(steps.indexOf('subscribe finesse.api.User.1001')).toBeGreaterThan(-1);
});
