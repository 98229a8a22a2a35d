// The browser tab live from Finesse's Notification Service (XMPP over WebSocket at /ws/, played by
// the simulator): Updates change rows and the own state with no REST request at rest; without the
// service the page polls and says so, and goes live again by itself.
import type { Page } from '@playwright/test';
import { expect, signIn, sim, test } from './sim.ts';

test.beforeEach(async ({ request }) => {
  await sim(request).reset('UCCX');
});

const liveStatus = (page: Page) => page.locator('.live-status [role="status"]');

function row(page: Page, name: string) {
  return page.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
}

/** The state in words in an agent's row. */
const stateOf = (page: Page, name: string) => row(page, name).locator('.state-text');

const restRequests = async (request: Parameters<typeof sim>[0]) =>
  (await sim(request).requests({ path: '/finesse/api/' })).map((r) => `${r.method} ${r.path}`);

test('a supervisor’s tab is live: an agent’s change shows in its row, and nothing polls at rest', async ({
  page,
  request,
}) => {
  // The page's clock is ours to move: a minute passes at once, and any polling would show.
  await page.clock.install();
  const received: string[] = [];
  page.on('websocket', (socket) =>
    socket.on('framereceived', (frame) => received.push(String(frame.payload))),
  );
  await signIn(page, '2001');
  await expect(liveStatus(page)).toHaveText('Live: changes show as Finesse makes them.');
  await expect(stateOf(page, 'Ana Álvarez')).toHaveText('Not Ready');
  // Live, the team is read once, after its subscription; there is no interval to choose.
  expect(await restRequests(request)).toEqual(expect.arrayContaining(['GET /finesse/api/Team/10']));
  expect((await restRequests(request)).filter((r) => r.includes('/Team/'))).toHaveLength(1);
  await expect(page.getByLabel('Refresh every')).toHaveCount(0);
  await sim(request).clearRequests();

  // A change made at the server reaches the row by notification: no read brought it (the request
  // log stays empty). How fast is measured by `npm run bench:live`, not timed here.
  await sim(request).config({ applyDelayMs: 0 });
  await sim(request).setState('1001', 'READY');
  await expect(stateOf(page, 'Ana Álvarez')).toHaveText('Ready');
  await expect(page.getByRole('list', { name: 'Agents by state in Sales & Service' })).toHaveText(
    /Ready: 1/,
  );
  expect(await restRequests(request)).toEqual([]);

  // A minute of rest, one keep-alive interval (10 s) at a time: each jump sends a ping over the
  // WebSocket, and its answer is awaited before the next jump (a jump past an unanswered ping
  // would count as a lost connection). No REST request at all.
  for (let i = 0; i < 6; i++) {
    const before = received.length;
    await page.clock.fastForward('00:10');
    await expect
      .poll(() => received.slice(before).some((frame) => /<iq[^>]+type="result"/.test(frame)))
      .toBe(true);
  }
  await expect(liveStatus(page)).toHaveText(/^Live/);
  expect(await restRequests(request)).toEqual([]);
});

test('a supervisor’s action is confirmed by the team’s notification', async ({ page, request }) => {
  await signIn(page, '2001');
  await expect(liveStatus(page)).toHaveText(/^Live/);
  const eve = row(page, 'Eve Tan');
  await expect(eve).toContainText('Not Ready');
  await sim(request).clearRequests();
  await eve.getByRole('button', { name: 'Not Ready for Eve Tan' }).click();
  await expect(eve).toContainText('Not Ready - Supervisor Initiated');
  await expect(eve).not.toContainText('pending');
  // Only the PUT: the change came back as an Update on the team's node, not by a re-read.
  expect(await restRequests(request)).toEqual(['PUT /finesse/api/User/1005']);
});

test('an agent’s own state is live: a supervisor’s change shows without a read', async ({
  page,
  request,
}) => {
  await signIn(page, '1001');
  await expect(liveStatus(page)).toHaveText(/^Live/);
  const current = page.getByRole('status', { name: 'Current state' });
  await expect(current).toHaveText('Not Ready');
  await sim(request).clearRequests();
  await sim(request).setState('1001', 'READY');
  await expect(current).toHaveText('Ready');

  // The agent's own change is confirmed by its Update (its requestId), with no GET after the PUT.
  await page.getByRole('button', { name: 'Not Ready', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Meeting' }).click();
  await expect(current).toHaveText('Not Ready – Meeting');
  expect(await restRequests(request)).toEqual(['PUT /finesse/api/User/1001']);
});

test('without the WebSocket the page polls and says so, then goes live again by itself', async ({
  page,
  request,
}) => {
  await page.clock.install();
  await signIn(page, '2001');
  await expect(liveStatus(page)).toHaveText(/^Live/);
  await expect(row(page, 'Ana Álvarez')).toBeVisible();

  await sim(request).clearRequests();
  await sim(request).xmppDown();
  await expect(liveStatus(page)).toHaveText(/^Refreshing every 5 s: live updates are unavailable/);
  // Leaving live reads the team once at once, then every interval.
  await expect
    .poll(async () => (await restRequests(request)).filter((r) => r.includes('/Team/')).length)
    .toBeGreaterThanOrEqual(1);
  await sim(request).setState('1001', 'READY');
  await page.clock.fastForward('00:06');
  await expect(stateOf(page, 'Ana Álvarez')).toHaveText('Ready');

  // The service comes back: the page retries on its own (with backoff) and is live again.
  await sim(request).xmppDown(false);
  await expect
    .poll(
      async () => {
        await page.clock.fastForward('00:31');
        return liveStatus(page).textContent();
      },
      { timeout: 20_000 },
    )
    .toMatch(/^Live/);
  await sim(request).clearRequests();
  await page.clock.fastForward('01:00');
  expect((await restRequests(request)).filter((r) => r.includes('/Team/'))).toEqual([]);
});

test('a lost connection: polls meanwhile, reconnects by itself, reads each team again and listens', async ({
  page,
  request,
}) => {
  await signIn(page, '2001');
  await expect(liveStatus(page)).toHaveText(/^Live/);
  await expect(row(page, 'Ana Álvarez')).toBeVisible();
  await expect(stateOf(page, 'Ana Álvarez')).toHaveText('Not Ready');
  // Nothing is listening for a moment: a change then is published to no one.
  await sim(request).xmppDown();
  await expect(liveStatus(page)).toHaveText(/^Refreshing every/);
  await sim(request).clearRequests();
  await sim(request).setState('1001', 'READY');
  await sim(request).xmppDown(false);
  // Back live: the team's subscription is made again and the team read once after it.
  await expect(liveStatus(page)).toHaveText(/^Live/, { timeout: 15_000 });
  await expect(stateOf(page, 'Ana Álvarez')).toHaveText('Ready');
  const teamReads = async () =>
    (await restRequests(request)).filter((r) => r.includes('/Team/')).length;
  await expect.poll(teamReads).toBeGreaterThanOrEqual(1);
  const afterReconnect = await teamReads();
  // Then nothing more: live, the team is not polled.
  await sim(request).setState('1005', 'READY');
  await expect(stateOf(page, 'Eve Tan')).toHaveText('Ready');
  expect(await teamReads()).toBe(afterReconnect);
});

test('signing out of the page ends the XMPP session and its team subscription', async ({
  page,
  request,
}) => {
  await signIn(page, '2001');
  await expect(liveStatus(page)).toHaveText(/^Live/);
  await expect(row(page, 'Ana Álvarez')).toBeVisible();
  const xmpp = async () =>
    (await (await request.get('/sim/xmpp')).json()) as {
      connections: unknown[];
      subscriptions: { node: string; jid: string }[];
    };
  expect((await xmpp()).subscriptions.map((s) => s.node)).toContain('/finesse/api/Team/10/Users');
  await page.getByRole('button', { name: 'Sign out of this page' }).click();
  await expect(page.getByLabel('User ID')).toBeVisible();
  await expect.poll(async () => (await xmpp()).connections.length).toBe(0);
  expect((await xmpp()).subscriptions.filter((s) => s.jid.startsWith('2001@'))).toEqual([]);
});
