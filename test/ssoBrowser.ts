// A browsing context for unit tests of single sign-on: follows the simulated Finesse's redirects
// through IdS and the IdP as a browser window would (cookies per host, the IdP's form filled and
// posted), and reads the last document as the product's window watcher does. No canned answers:
// everything comes from the simulator over loopback.
import { rawHttp } from '../sim/test/helpers.ts';
import { SSO_TOKEN_PATH, SsoError, parseSsoAnswer, type SsoToken } from '../src/finesse/sso.ts';
import type { OpenSsoWindow } from '../src/app/session/ssoSignIn.ts';

interface Page {
  url: URL;
  status: number;
  type: string;
  body: string;
}

/** One HTTP exchange; `localhost` is reached on 127.0.0.1 with its own Host header (another origin, one server). */
function exchange(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}> {
  return rawHttp(`http://127.0.0.1:${url.port}`, `${url.pathname}${url.search}`, {
    method,
    headers: { ...headers, Host: url.host },
    ...(body === undefined ? {} : { body }),
  }).then(({ status, headers: answered, text }) => ({ status, headers: answered, body: text }));
}

export interface SsoBrowserOptions {
  /** What the user types into the IdP's password field; null: the user closes the window there. */
  password?: string | null;
}

/** A window opener for `signInWithSso`/`useBrowserSession` in jsdom tests. */
export function ssoBrowser(options: SsoBrowserOptions = {}): OpenSsoWindow & { visited: URL[] } {
  const cookies = new Map<string, Map<string, string>>();
  const visited: URL[] = [];
  const cookieHeader = (url: URL) =>
    [...(cookies.get(url.host) ?? new Map<string, string>())]
      .map(([k, v]) => `${k}=${v}`)
      .join('; ');
  const keepCookies = (url: URL, setCookie: string | string[] | undefined) => {
    const jar = cookies.get(url.host) ?? new Map<string, string>();
    for (const line of [setCookie ?? []].flat()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq > 0) jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    cookies.set(url.host, jar);
  };

  async function navigate(start: URL, method = 'GET', form?: string): Promise<Page> {
    let url = start;
    let body = form;
    for (let hops = 0; hops < 20; hops++) {
      visited.push(url);
      const headers: Record<string, string> = { Accept: 'text/html,application/json' };
      const cookie = cookieHeader(url);
      if (cookie) headers.Cookie = cookie;
      if (body !== undefined) headers['Content-Type'] = 'application/x-www-form-urlencoded';
      const answer = await exchange(url, method, headers, body);
      keepCookies(url, answer.headers['set-cookie']);
      const location = answer.headers.location;
      if (answer.status >= 300 && answer.status < 400 && typeof location === 'string') {
        url = new URL(location, url);
        method = 'GET';
        body = undefined;
        continue;
      }
      return {
        url,
        status: answer.status,
        type: String(answer.headers['content-type'] ?? ''),
        body: answer.body,
      };
    }
    throw new Error('too many redirects');
  }

  /** Fills the page's one form: the password field gets the password, the rest keep their values. */
  function submitForm(page: Page, password: string): Promise<Page> {
    const form = /<form[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/i.exec(page.body);
    if (!form) throw new Error(`no form at ${page.url.href}`);
    const fields = new URLSearchParams();
    for (const input of (form[2] ?? '').matchAll(/<input[^>]*>/gi)) {
      const tag = input[0];
      const name = /name="([^"]*)"/i.exec(tag)?.[1];
      if (!name) continue;
      const value = /value="([^"]*)"/i.exec(tag)?.[1] ?? '';
      fields.set(name, /type="password"/i.test(tag) ? password : value.replace(/&amp;/g, '&'));
    }
    return navigate(
      new URL((form[1] ?? '').replace(/&amp;/g, '&'), page.url),
      'POST',
      fields.toString(),
    );
  }

  const open = async (href: string): Promise<SsoToken> => {
    let page = await navigate(new URL(href));
    const password = options.password === undefined ? 'demo' : options.password;
    for (let forms = 0; forms < 3 && page.url.pathname !== SSO_TOKEN_PATH; forms++) {
      if (password === null) break;
      page = await submitForm(page, password);
    }
    if (page.url.pathname !== SSO_TOKEN_PATH) {
      // The user gave up at the IdP and closed the window.
      throw new SsoError({ kind: 'closed' });
    }
    return parseSsoAnswer(page.body, page.status);
  };
  return Object.assign(open, { visited });
}
