// The gadget inside the simulated Finesse desktop, loaded from the built dist/gadget.xml as Finesse
// loads it, with identity, auth and live updates from the desktop. Real Chromium, real simulator.
import type { APIRequestContext, FrameLocator, Page } from '@playwright/test';
import { expect, sim, test } from './sim.ts';

test.beforeEach(async ({ request }) => {
  await sim(request).reset('UCCX');
});

interface DesktopOptions {
  user?: string;
  folder?: string;
  sso?: boolean;
}

/** Signs in to the simulated desktop and waits for the gadget to show the state. */
async function openDesktop(page: Page, options: DesktopOptions = {}): Promise<FrameLocator> {
  const { user = '1001', folder = 'agent-state', sso = false } = options;
  const params = new URLSearchParams({
    user,
    gadget: `/3rdpartygadget/files/${folder}/gadget.xml`,
    ...(sso ? { sso: '1' } : {}),
  });
  await page.goto(`/desktop/?${params}`);
  await expect(page.locator('#connection-status')).toHaveText('connected');
  const gadget = page.frameLocator('#gadget-frame');
  await expect(gadget.getByRole('status', { name: 'Current state' })).toBeVisible();
  return gadget;
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
  await pause(500);
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
