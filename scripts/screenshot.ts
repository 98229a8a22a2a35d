// Re-takes the README screenshots from a running server: `npm start`, then `npx tsx scripts/screenshot.ts [baseUrl]`.
import { chromium } from 'playwright';

const base = process.argv[2] ?? 'http://127.0.0.1:5173/';

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
});
try {
  const page = await browser.newPage({ viewport: { width: 720, height: 560 } });
  await fetch(new URL('sim/reset', base), { method: 'POST', body: '{}' });
  await page.goto(base);
  await page.getByLabel('User ID').fill('1001');
  await page.getByLabel('Password').fill('demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
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
} finally {
  await browser.close();
}
