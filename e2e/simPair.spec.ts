// The simulated pair in a real browser (simulator only, not the product's behaviour): the failure
// controls page, and the desktop double failing over to node B when node A goes down.
import AxeBuilder from '@axe-core/playwright';
import { expect, sim, test } from './sim.ts';

test.beforeEach(async ({ request }) => {
  await sim(request).reset('UCCX');
});
test.afterEach(async ({ request }) => {
  // Node A back for the next spec, whatever this one left.
  await sim(request).reset('UCCX');
});

interface Nodes {
  nodes: { name: string; url: string; status: string; reachable: boolean }[];
}

test('the failure controls page shows both nodes and drives a named fault', async ({
  page,
  request,
}) => {
  await page.goto('/sim/');
  const table = page.getByRole('table', { name: 'Nodes' });
  await expect(table.getByRole('row', { name: /Node A/ })).toContainText('IN_SERVICE');
  await expect(table.getByRole('row', { name: /Node B/ })).toContainText('IN_SERVICE');
  await page.getByRole('button', { name: 'CTI lost on B' }).click();
  await expect(page.getByRole('status')).toHaveText('CTI lost on B: done.');
  await expect(table.getByRole('row', { name: /Node B/ })).toContainText('OUT_OF_SERVICE');
  await expect(table.getByRole('row', { name: /Node B/ })).toContainText(
    'The CTI server connection is down.',
  );
  const state = (await (await request.get('/sim/nodes')).json()) as Nodes;
  expect(state.nodes.find((n) => n.name === 'b')?.status).toBe('OUT_OF_SERVICE');
  await page.getByRole('button', { name: 'Tomcat down on A' }).click();
  await expect(page.getByRole('button', { name: 'Tomcat up on A' })).toBeVisible();
  const scan = await new AxeBuilder({ page }).analyze();
  expect(scan.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});

test("the desktop relays its node's SystemInfo, and moves to node B when node A goes down", async ({
  page,
  request,
}) => {
  const nodes = ((await (await request.get('/sim/nodes')).json()) as Nodes).nodes;
  const portB = new URL(nodes.find((n) => n.name === 'b')?.url ?? '').port;
  await page.goto('/desktop/?user=1001&gadget=/3rdpartygadget/files/agent-state/gadget.xml');
  await expect(page.locator('#connection-status')).toHaveText('connected');
  await expect(page.locator('#node-name')).toHaveText('A');
  const gadget = page.frameLocator('#gadget-frame');
  await expect(gadget.getByRole('status', { name: 'Current state' })).toBeVisible();

  await sim(request).post('/sim/nodes/a', { status: 'OUT_OF_SERVICE' });
  await expect(page.locator('#hub-log')).toContainText(
    'finesse.api.SystemInfo /finesse/api/SystemInfo<Update>',
  );
  await sim(request).post('/sim/nodes/a', { status: 'IN_SERVICE', reachable: false });

  // Three failed reconnects a second apart, `failing`, then the page on node B.
  await page.waitForURL((url) => url.port === portB, { timeout: 15_000 });
  expect(new URL(page.url()).searchParams.get('failover')).toBe('auto');
  await expect(page.locator('#node-name')).toHaveText('B');
  await expect(page.locator('#hub-log')).toContainText('"status":"recovered"', {
    timeout: 15_000,
  });
  await expect(page.locator('#connection-status')).toHaveText('connected');
  // The gadget was reloaded on node B and works there.
  await expect(
    page.frameLocator('#gadget-frame').getByRole('status', { name: 'Current state' }),
  ).toBeVisible();
});
