// Re-takes the README screenshots from a running server: `npm start`, then `npx tsx scripts/screenshot.ts [baseUrl]`.
import { chromium } from 'playwright';

const base = process.argv[2] ?? 'http://127.0.0.1:5173/';

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
});
try {
  const page = await browser.newPage({ viewport: { width: 720, height: 560 }, locale: 'en-US' });
  await fetch(new URL('sim/reset', base), { method: 'POST', body: '{}' });
  await page.goto(base);
  await page.getByLabel('User ID').fill('1001');
  await page.getByLabel('Password').fill('demo');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  const notReady = page.getByRole('button', { name: 'Not Ready' });
  await notReady.click({ trial: false });
  await page.getByRole('menuitem', { name: 'Meeting' }).click();
  await page
    .getByRole('status', { name: 'Current state' })
    .getByText('Not Ready – Meeting')
    .waitFor();
  await page.waitForTimeout(2200);
  await notReady.click();
  await page.getByRole('menuitem', { name: 'Break' }).waitFor();
  await page.screenshot({ path: 'docs/screenshot.png' });
  console.log('wrote docs/screenshot.png');

  // A supervisor's page: own state and a live team view.
  const supervisor = await browser.newPage({
    viewport: { width: 1200, height: 900 },
    locale: 'en-US',
  });
  await fetch(new URL('sim/reset', base), { method: 'POST', body: '{}' });
  await fetch(new URL('sim/users/1005/state', base), {
    method: 'POST',
    body: JSON.stringify({ state: 'NOT_READY', reasonCodeId: 60 }),
  });
  // Time-in-state limits as a supervisor might set them (kept per supervisor in localStorage).
  await supervisor.addInitScript(() =>
    localStorage.setItem(
      'finesse-state-gadget.limits.2001',
      JSON.stringify({ version: 1, states: { NOT_READY: 10, TALKING: 20 }, reasons: {} }),
    ),
  );
  await supervisor.goto(base);
  await supervisor.getByLabel('User ID').fill('2001');
  await supervisor.getByLabel('Password').fill('demo');
  await supervisor.getByRole('button', { name: 'Sign in', exact: true }).click();
  await supervisor.getByRole('table').getByText('Eve Tan').waitFor();
  await supervisor.locator('.live-status').getByText(/^Live/).waitFor();
  await supervisor.waitForTimeout(2200);
  await supervisor.screenshot({ path: 'docs/screenshot-supervisor.png' });
  console.log('wrote docs/screenshot-supervisor.png');

  // The sign-in page where Finesse allows both ways (HYBRID), and a single sign-on session whose
  // renewal needs the browser again (the page's clock moved to 75% of the token's life).
  const signIn = await browser.newContext({
    viewport: { width: 720, height: 520 },
    locale: 'en-US',
  });
  const signInPage = await signIn.newPage();
  await fetch(new URL('sim/reset', base), { method: 'POST', body: '{}' });
  await fetch(new URL('sim/config', base), {
    method: 'POST',
    body: JSON.stringify({ tokenLifetimeS: 300 }),
  });
  await signIn.clock.install();
  await signInPage.goto(base);
  await signInPage.getByLabel('User ID').fill('2001');
  await signInPage.getByRole('button', { name: 'Sign in with single sign-on' }).waitFor();
  await signInPage.screenshot({ path: 'docs/screenshot-signin.png' });
  console.log('wrote docs/screenshot-signin.png');
  const [popup] = await Promise.all([
    signInPage.waitForEvent('popup'),
    signInPage.getByRole('button', { name: 'Sign in with single sign-on' }).click(),
  ]);
  await popup.getByLabel('Password').fill('demo');
  await popup.getByRole('button', { name: 'Sign in' }).click();
  await signInPage.getByRole('status', { name: 'Current state' }).waitFor();
  await fetch(new URL('sim/sso/faults', base), {
    method: 'POST',
    body: JSON.stringify({ kind: 'renewNeedsBrowser' }),
  });
  await signIn.clock.fastForward('03:46');
  await signInPage.getByText('Your sign-in ends in').waitFor();
  await signInPage.screenshot({ path: 'docs/screenshot-renew.png' });
  console.log('wrote docs/screenshot-renew.png');
  await signIn.close();

  // The gadget inside the simulated Finesse desktop, its Sign Out menu open (the frame grows).
  const desktop = await browser.newPage({
    viewport: { width: 1000, height: 620 },
    locale: 'en-US',
  });
  await fetch(new URL('sim/reset', base), { method: 'POST', body: '{}' });
  await desktop.goto(new URL('desktop/?user=1001', base).href);
  const gadget = desktop.frameLocator('#gadget-frame');
  const signOut = gadget.getByRole('button', { name: 'Sign Out', exact: true });
  await signOut.click();
  await gadget.getByRole('menuitem', { name: 'End of Shift' }).waitFor();
  await desktop.waitForTimeout(500);
  await desktop.screenshot({ path: 'docs/screenshot-desktop.png' });
  console.log('wrote docs/screenshot-desktop.png');

  // The same desktop in Japanese (the desktop's locale chooses the gadget's language).
  await fetch(new URL('sim/reset', base), { method: 'POST', body: '{}' });
  await desktop.goto(new URL('desktop/?user=1001&locale=ja_JP', base).href);
  await gadget.getByRole('button', { name: '受信不可', exact: true }).click();
  await gadget.getByRole('menuitem', { name: 'Meeting' }).waitFor();
  await desktop.waitForTimeout(500);
  await desktop.screenshot({ path: 'docs/screenshot-desktop-ja.png' });
  console.log('wrote docs/screenshot-desktop-ja.png');

  // Node A gone: the line that pauses changes, and after 20 s (the page's clock moved) the offer
  // of the other node.
  const failing = await browser.newPage({ viewport: { width: 720, height: 560 }, locale: 'en-US' });
  await fetch(new URL('sim/reset', base), { method: 'POST', body: '{}' });
  await failing.clock.install();
  await failing.goto(base);
  await failing.getByLabel('User ID').fill('1001');
  await failing.getByLabel('Password').fill('demo');
  await failing.getByRole('button', { name: 'Sign in', exact: true }).click();
  await failing.locator('.live-status').getByText(/^Live/).waitFor();
  await fetch(new URL('sim/nodes/a', base), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ reachable: false }),
  });
  await failing
    .locator('#finesse-service-line')
    .getByText(/not answering/)
    .waitFor();
  for (let second = 0; second < 21; second += 1) await failing.clock.runFor(1_000);
  await failing.getByRole('link', { name: /^Continue on/ }).waitFor();
  await failing.screenshot({ path: 'docs/screenshot-failover.png' });
  console.log('wrote docs/screenshot-failover.png');

  // Many agents at once: Big Floor filtered to Not Ready by its glance bar, all of them selected,
  // and the confirmation of a bulk Sign Out saying who changes and who is skipped.
  const bulk = await browser.newPage({ viewport: { width: 1200, height: 900 }, locale: 'en-US' });
  await fetch(new URL('sim/reset', base), { method: 'POST', body: '{}' });
  await fetch(new URL('sim/big-team', base), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ size: 300 }),
  });
  await bulk.goto(base);
  await bulk.getByLabel('User ID').fill('2001');
  await bulk.getByLabel('Password').fill('demo');
  await bulk.getByRole('button', { name: 'Sign in', exact: true }).click();
  await bulk
    .getByRole('combobox', { name: 'Team', exact: true })
    .selectOption({ label: 'Big Floor' });
  await bulk.getByRole('button', { name: /^Talking: \d+/ }).click();
  await bulk.getByRole('button', { name: /^Select all in the table/ }).click();
  await bulk.getByRole('button', { name: /^Talking: \d+/ }).click();
  await bulk.getByRole('button', { name: /^Not Ready: \d+/ }).click();
  await bulk.getByRole('button', { name: /^Select all in the table/ }).click();
  await bulk.getByRole('button', { name: 'Sign Out for the selected agents – Big Floor' }).click();
  await bulk.getByRole('group', { name: /^Sign Out for the selected agents/ }).waitFor();
  await bulk.locator('.team-section').evaluate((section) => section.scrollIntoView());
  await bulk.screenshot({ path: 'docs/screenshot-bulk.png' });
  console.log('wrote docs/screenshot-bulk.png');
  await fetch(new URL('sim/reset', base), { method: 'POST', body: '{}' });
} finally {
  await browser.close();
}
