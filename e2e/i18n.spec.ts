// The product's languages in real Chromium: the simulated desktop's locale chooses the gadget's
// language, the tab follows the browser's languages and its own switch, a catalogue that cannot
// be loaded leaves English (and says so), and the pseudo-locale's longer text neither clips nor
// overlaps.
import { readFileSync } from 'node:fs';
import type { FrameLocator, Page } from '@playwright/test';
import { allEnglish as en } from '../src/i18n/allEnglish.ts';
import type { Catalogue, MessageId } from '../src/i18n/en.ts';
import { pseudoCatalogue } from '../src/i18n/pseudo.ts';
import { expect, sim, test } from './sim.ts';

test.beforeEach(async ({ request }) => {
  await sim(request).reset('UCCX');
});

function catalogue(tag: string): Catalogue {
  const file = new URL(`../src/i18n/catalogues/${tag}.json`, import.meta.url);
  return JSON.parse(readFileSync(file, 'utf8')) as Catalogue;
}

async function openDesktop(page: Page, locale: string, user = '1001'): Promise<FrameLocator> {
  const params = new URLSearchParams({
    user,
    locale,
    gadget: '/3rdpartygadget/files/agent-state/gadget.xml',
  });
  await page.goto(`/desktop/?${params}`);
  return page.frameLocator('#gadget-frame');
}

/**
 * English sentences (three words or more, no placeholders) that are on the page: none should be
 * when the page speaks another language. Reason labels come from Finesse as configured, so a
 * page may show those in English; they are not catalogue messages.
 */
function englishLeftIn(text: string, translation: Catalogue): string[] {
  return (Object.keys(en) as MessageId[])
    .filter((id) => !en[id].includes('{') && en[id].split(' ').length >= 3)
    .filter((id) => translation[id] !== en[id] && text.includes(en[id]))
    .map((id) => `${id}: ${en[id]}`);
}

for (const [locale, tag] of [
  ['de_DE', 'de'],
  ['ja_JP', 'ja'],
] as const) {
  test(`the desktop's locale ${locale} shows the gadget wholly in its language`, async ({
    page,
  }) => {
    const text = catalogue(tag);
    const gadget = await openDesktop(page, locale);
    await expect(gadget.locator('html')).toHaveAttribute('lang', tag);
    const current = gadget.getByRole('status', { name: text['state.current'] });
    await expect(current).toContainText(text['stateName.NOT_READY']);
    const notReady = gadget.getByRole('button', { name: text['action.notReady'], exact: true });
    await expect(notReady).toBeEnabled();

    await notReady.click();
    await expect(gadget.getByRole('menu', { name: text['action.notReadyMenu'] })).toBeVisible();
    await gadget.getByRole('menuitem', { name: 'Lunch' }).click();
    await expect(current).toContainText('Lunch');
    await gadget.getByRole('button', { name: text['action.ready'], exact: true }).click();
    await expect(current).toContainText(text['stateName.READY']);

    const shown = await gadget.locator('body').innerText();
    expect(englishLeftIn(shown, text)).toEqual([]);
    // The desktop hears the gadget's title in the same language.
    await expect(page.locator('#gadget-title')).toHaveText(text['app.title']);
  });
}

test('a regional locale falls back to its language, an unknown language to English', async ({
  page,
}) => {
  const fr = catalogue('fr');
  let gadget = await openDesktop(page, 'fr_BE');
  await expect(gadget.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(gadget.getByRole('status', { name: fr['state.current'] })).toBeVisible();

  gadget = await openDesktop(page, 'nb_NO');
  await expect(gadget.locator('html')).toHaveAttribute('lang', 'en');
  await expect(gadget.getByRole('status', { name: en['state.current'] })).toBeVisible();
});

test.describe('in a German browser', () => {
  test.use({ locale: 'de-DE' });

  test('the tab speaks German, and the switch changes it and is remembered', async ({ page }) => {
    const de = catalogue('de');
    const ja = catalogue('ja');
    await page.goto('./');
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    await expect(page.getByRole('heading', { name: de['signin.heading'] })).toBeVisible();
    await expect(page).toHaveTitle(de['app.title']);

    await page.getByLabel(de['language.label']).selectOption({ label: '日本語' });
    await expect(page.getByRole('heading', { name: ja['signin.heading'] })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ja');

    await page.reload();
    await expect(page.getByRole('heading', { name: ja['signin.heading'] })).toBeVisible();
    await page.getByLabel(ja['signin.userId']).fill('2001');
    await page.getByLabel(ja['signin.password']).fill('demo');
    await page.getByRole('button', { name: ja['signin.submit'], exact: true }).click();
    await expect(page.getByRole('heading', { name: ja['team.heading'] })).toBeVisible();
    await expect(
      page.getByRole('columnheader', { name: ja['team.col.state'], exact: true }),
    ).toBeVisible();
    expect(englishLeftIn(await page.locator('body').innerText(), ja)).toEqual([]);

    // Back to German while signed in: nothing is lost, the whole page changes.
    await page.getByLabel(ja['language.label']).selectOption({ label: 'Deutsch' });
    await expect(page.getByRole('heading', { name: de['team.heading'] })).toBeVisible();
    await expect(page.getByRole('status', { name: de['state.current'] })).toBeVisible();
    expect(englishLeftIn(await page.locator('body').innerText(), de)).toEqual([]);
  });

  test('a catalogue that cannot be loaded leaves the page in English, and says so', async ({
    page,
  }) => {
    await page.route(/\.json(\?|$)/, (route) => route.abort('failed'));
    await page.goto('./');
    await expect(page.getByRole('heading', { name: en['signin.heading'] })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('alert')).toHaveText(
      'The Deutsch text could not be loaded, so the page stays in English. Choose it again to retry.',
    );
  });
});

/** Text that is cut off by a box that hides overflow, or that lies over other text. */
function layoutProblems(): string[] {
  const problems: string[] = [];
  const texts: { text: string; rects: DOMRect[] }[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent?.trim() ?? '';
    const element = node.parentElement;
    if (text === '' || !element || element.closest('.visually-hidden, [hidden], option')) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
    if (rects.length === 0) continue;
    const style = getComputedStyle(element);
    if (style.textOverflow === 'ellipsis' && element.scrollWidth > element.clientWidth + 1) {
      problems.push(`cut off with an ellipsis: "${text}"`);
    }
    for (let box = element; box && box !== document.body; box = box.parentElement as HTMLElement) {
      const { overflowX, overflowY } = getComputedStyle(box);
      // Scrolling boxes show the rest on scrolling; only hidden or clipped overflow loses text.
      const hides = (value: string) => value === 'hidden' || value === 'clip';
      if (!hides(overflowX) && !hides(overflowY)) continue;
      const edge = box.getBoundingClientRect();
      const cut = rects.some(
        (r) =>
          (hides(overflowX) && (r.left < edge.left - 1 || r.right > edge.right + 1)) ||
          (hides(overflowY) && (r.top < edge.top - 1 || r.bottom > edge.bottom + 1)),
      );
      if (cut) problems.push(`clipped by <${box.tagName.toLowerCase()}>: "${text}"`);
    }
    texts.push({ text, rects });
  }
  for (let i = 0; i < texts.length; i += 1) {
    for (let j = i + 1; j < texts.length; j += 1) {
      const a = texts[i];
      const b = texts[j];
      if (!a || !b) continue;
      const overlap = a.rects.some((r) =>
        b.rects.some(
          (s) =>
            Math.min(r.right, s.right) - Math.max(r.left, s.left) > 1 &&
            Math.min(r.bottom, s.bottom) - Math.max(r.top, s.top) > 1,
        ),
      );
      if (overlap) problems.push(`overlapping: "${a.text}" and "${b.text}"`);
    }
  }
  if (document.documentElement.scrollWidth > window.innerWidth + 1) {
    problems.push(`the page scrolls sideways (${document.documentElement.scrollWidth}px)`);
  }
  return problems;
}

test.describe('in the pseudo-locale (about 40% longer, accented)', () => {
  test.use({ locale: 'en-XA' });
  const pseudo = pseudoCatalogue(en);

  test('the tab and its team view show all their text: nothing clipped or overlapping', async ({
    page,
  }) => {
    await page.goto('./');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en-XA');
    await expect(page.getByRole('heading', { name: pseudo['signin.heading'] })).toBeVisible();
    expect(await page.evaluate(layoutProblems)).toEqual([]);

    await page.getByLabel(pseudo['signin.userId']).fill('2001');
    await page.getByLabel(pseudo['signin.password']).fill('demo');
    await page.getByRole('button', { name: pseudo['signin.submit'], exact: true }).click();
    await expect(page.getByRole('columnheader', { name: pseudo['team.col.state'] })).toBeVisible();
    await expect(
      page.getByRole('button', { name: pseudo['action.notReady'], exact: true }),
    ).toBeEnabled();
    expect(await page.evaluate(layoutProblems)).toEqual([]);

    // The time-in-state limits form, open, with a value it refuses.
    await page.getByRole('button', { name: pseudo['limits.edit'] }).click();
    const form = page.getByRole('form', { name: pseudo['limits.edit'] });
    await form.getByRole('textbox').first().fill('0');
    await form.getByRole('button', { name: pseudo['limits.save'] }).click();
    await expect(
      form.getByText(pseudo['limits.invalid'].split('{')[0] ?? '').first(),
    ).toBeVisible();
    expect(await page.evaluate(layoutProblems)).toEqual([]);
  });

  test('the gadget in the desktop shows all its text: nothing clipped or overlapping', async ({
    page,
  }) => {
    const gadget = await openDesktop(page, 'en_XA');
    await expect(gadget.locator('html')).toHaveAttribute('lang', 'en-XA');
    await expect(
      gadget.getByRole('button', { name: pseudo['action.notReady'], exact: true }),
    ).toBeEnabled();
    await gadget.getByRole('button', { name: pseudo['action.notReady'], exact: true }).click();
    await expect(gadget.getByRole('menu')).toBeVisible();
    const frame = await (await page.locator('#gadget-frame').elementHandle())?.contentFrame();
    expect(frame, 'the gadget frame').toBeTruthy();
    expect(await frame?.evaluate(layoutProblems)).toEqual([]);
  });
});
