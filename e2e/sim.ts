// Playwright specs' fixtures: the simulated Finesse's control API (test/simControl.ts) through the
// page's request context, the sign-in, and a `test` that fails on dialogs and blocked content.
import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test';
import { simControl, type SimTransport } from '../test/simControl.ts';

export { expect };

export type { Fault, LoggedRequest } from '../test/simControl.ts';

/** The control API through Playwright's request context (the page's origin, as the specs run). */
function playwrightTransport(request: APIRequestContext): SimTransport {
  return async (method, path, body) => {
    const response = await request.fetch(path, {
      method,
      ...(body === undefined ? {} : { data: body }),
    });
    const text = await response.text();
    return { status: response.status(), json: text ? (JSON.parse(text) as unknown) : null };
  };
}

export function sim(request: APIRequestContext) {
  const post = async (path: string, data: unknown = {}) => {
    const response = await request.post(path, { data });
    expect(response.ok(), `${path} → ${response.status()}`).toBe(true);
    return response;
  };
  return {
    ...simControl(playwrightTransport(request)),
    /** Any other control endpoint; the typed ones are test/simControl.ts's. */
    post,
  };
}

/** Signs in on the browser-tab page. */
export async function signIn(page: Page, userId: string, password = 'demo', path = './') {
  await page.goto(path);
  await page.getByLabel('User ID').fill(userId);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/**
 * Specs import `test` from here: every page is watched, and any alert/confirm/prompt, or anything
 * the built page's Content-Security-Policy blocks (Chromium reports it on the console), fails the
 * test.
 */
export const test = base.extend<{ dialogs: string[]; blockedByPolicy: string[] }>({
  blockedByPolicy: [
    async ({ context }, use) => {
      const blocked: string[] = [];
      const watch = (page: Page) =>
        page.on('console', (message) => {
          if (/Content Security Policy/i.test(message.text())) blocked.push(message.text());
        });
      context.pages().forEach(watch);
      context.on('page', watch);
      await use(blocked);
      expect(blocked, 'the Content-Security-Policy must block nothing the product does').toEqual(
        [],
      );
    },
    { auto: true },
  ],
  dialogs: [
    async ({ page }, use) => {
      const dialogs: string[] = [];
      page.on('dialog', (dialog) => {
        dialogs.push(`${dialog.type()}: ${dialog.message()}`);
        void dialog.dismiss();
      });
      await use(dialogs);
      expect(dialogs, 'alert/confirm/prompt must never fire').toEqual([]);
    },
    { auto: true },
  ],
});
