// @vitest-environment node
// Single sign-on over real HTTP: the IdS/IdP redirect chain followed by hand, renewal, faults,
// auth modes on /finesse/api and the Notification Service.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { describe, expect, it } from 'vitest';
import { apiErrors, basic, call, controlOf, parse, setupSim } from './test/helpers.ts';
import { clients, DOMAIN } from './xmpp/testClient.ts';
import { otherHost } from './sso.ts';

const running = setupSim();
const { make, connect } = clients(() => running().url);

interface Hop {
  url: string;
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** The Location header resolved against the request's URL. */
  location: string | null;
}

interface HopOptions {
  method?: string;
  /** Sent form-encoded. */
  form?: Record<string, string>;
  auth?: string;
  cookie?: string;
}

/**
 * A browser's view: each host has its own cookies (127.0.0.1 and localhost are other
 * origins), requests go to the simulator's socket with the URL's host as `Host`, and redirects
 * are followed by hand (`hop`) or until the end (`follow`).
 */
class Browser {
  private readonly jar = new Map<string, Map<string, string>>();

  hop(url: string, options: HopOptions = {}): Promise<Hop> {
    const target = new URL(url);
    const port = new URL(running().url).port;
    const jar = this.jar.get(target.hostname) ?? new Map<string, string>();
    const cookie = [...[...jar].map(([k, v]) => `${k}=${v}`), options.cookie]
      .filter((c) => c !== undefined)
      .join('; ');
    const body = options.form ? new URLSearchParams(options.form).toString() : undefined;
    const headers: Record<string, string> = { Host: target.host };
    if (cookie) headers.Cookie = cookie;
    if (options.auth) headers.Authorization = options.auth;
    if (body !== undefined) headers['Content-Type'] = 'application/x-www-form-urlencoded';
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: options.method ?? (body === undefined ? 'GET' : 'POST'),
          path: target.pathname + target.search,
          headers,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            for (const line of res.headers['set-cookie'] ?? []) {
              const [pair = ''] = line.split(';');
              const eq = pair.indexOf('=');
              jar.set(pair.slice(0, eq), pair.slice(eq + 1));
              this.jar.set(target.hostname, jar);
            }
            const location = res.headers.location;
            resolve({
              url,
              status: res.statusCode ?? 0,
              headers: res.headers,
              text: Buffer.concat(chunks).toString('utf8'),
              location: location === undefined ? null : new URL(location, url).toString(),
            });
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  /** Follows redirects (GET) from `url`; every hop is returned, the last one is the answer. */
  async follow(url: string, options: HopOptions = {}): Promise<Hop[]> {
    const hops = [await this.hop(url, options)];
    for (let last = hops[0]; last?.status === 302 && last.location && hops.length < 10;) {
      last = await this.hop(last.location);
      hops.push(last);
    }
    return hops;
  }

  cookie(host: string, name: string): string | undefined {
    return this.jar.get(host)?.get(name);
  }
}

const finesse = () => running().url; // http://127.0.0.1:<port>
const ids = () => finesse().replace('127.0.0.1', 'localhost');
const startUrl = (name = 'aalvarez') =>
  `${finesse()}/desktop/sso/token?cc_username=${encodeURIComponent(name)}&return_refresh_token=true`;

interface TokenAnswer {
  token: string;
  refresh_token: string;
  expires_in: number;
  user_id: string;
  realm: string;
  user_principal: string;
}

const last = (hops: Hop[]): Hop => {
  const hop = hops[hops.length - 1];
  if (!hop) throw new Error('no hops');
  return hop;
};

/** Through the IdP form with this password, from a fresh start; returns the form's answer. */
async function throughIdp(browser: Browser, name = 'aalvarez', password = 'demo') {
  const toForm = await browser.follow(startUrl(name));
  const form = last(toForm);
  expect(form.status).toBe(200);
  const state = /name="state" value="([^"]+)"/.exec(form.text)?.[1] ?? '';
  return browser.hop(`${ids()}/idp/login`, { form: { state, username: name, password } });
}

/** A whole sign-in: the JSON answer Finesse gives at the end. */
async function signIn(browser = new Browser(), name = 'aalvarez'): Promise<TokenAnswer> {
  const posted = await throughIdp(browser, name);
  expect(posted.status).toBe(302);
  const answer = last(await browser.follow(posted.location ?? ''));
  expect(answer.status, answer.text).toBe(200);
  return JSON.parse(answer.text) as TokenAnswer;
}

const control = controlOf(running);

const bearer = (token: string) => `Bearer ${token}`;
const userStatus = async (id: string, auth: string) =>
  (await call(running(), `/finesse/api/User/${id}`, { auth })).status;

function renew(answer: TokenAnswer, name = 'aalvarez', browser = new Browser()) {
  return browser.hop(`${finesse()}/desktop/sso/token`, {
    form: { token: answer.token, 'refresh-token': answer.refresh_token, cc_username: name },
  });
}

describe('the sign-in chain', () => {
  it('Finesse → IdS and IdP on the other origin → back to Finesse with Cisco’s JSON', async () => {
    const browser = new Browser();
    const start = await browser.hop(startUrl());
    expect(start.status).toBe(302);
    expect(start.location).toMatch(new RegExp(`^${ids()}/ids/authorize\\?state=\\w+$`));
    const authorize = await browser.hop(start.location ?? '');
    expect(authorize.status).toBe(302);
    expect(authorize.location).toMatch(new RegExp(`^${ids()}/idp/login\\?state=\\w+$`));
    const form = await browser.hop(authorize.location ?? '');
    expect(form.status).toBe(200);
    expect(form.headers['content-type']).toMatch(/^text\/html/);
    expect(form.text).toContain('<h1>Sign in to the identity provider (simulated)</h1>');
    expect(form.text).toContain('<label for="idp-username">User name</label>');
    expect(form.text).toContain('<label for="idp-password">Password</label>');
    expect(form.text).toContain('value="aalvarez"');
    expect(form.text).toContain('<button type="submit">Sign in</button>');

    const state = /name="state" value="([^"]+)"/.exec(form.text)?.[1] ?? '';
    const posted = await browser.hop(`${ids()}/idp/login`, {
      form: { state, username: 'aalvarez', password: 'demo' },
    });
    expect(posted.status).toBe(302);
    expect(posted.headers['set-cookie']?.[0]).toMatch(/; Path=\/; HttpOnly/);
    expect(browser.cookie('localhost', 'sim_idp_session')).toBeDefined();
    expect(browser.cookie('127.0.0.1', 'sim_idp_session')).toBeUndefined();
    expect(posted.location).toMatch(
      new RegExp(`^${finesse()}/desktop/sso/token\\?code=\\w+&state=${state}$`),
    );

    const answer = await browser.hop(posted.location ?? '');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/json');
    const json = JSON.parse(answer.text) as TokenAnswer;
    expect(Object.keys(json)).toEqual([
      'token',
      'refresh_token',
      'expires_in',
      'user_id',
      'realm',
      'user_principal',
    ]);
    expect(json).toMatchObject({
      expires_in: 300,
      user_id: '1001',
      realm: 'finesse.sim.example',
      user_principal: '1001@finesse.sim.example',
    });
    expect(json.token).toMatch(/^sso-1001-g\d+-[0-9a-f]+$/);
    expect(await userStatus('1001', bearer(json.token))).toBe(200);

    // The code is single-use.
    const again = await browser.hop(posted.location ?? '');
    expect(again.status).toBe(401);
    expect(JSON.parse(again.text)).toMatchObject({ error: 'invalid_grant' });
  });

  it('swaps 127.0.0.1 and localhost, keeping the port; another host stays', () => {
    expect(otherHost('127.0.0.1:4173')).toBe('localhost:4173');
    expect(otherHost('localhost:4173')).toBe('127.0.0.1:4173');
    expect(otherHost('finesse.example:8445')).toBe('finesse.example:8445');
  });

  it('from localhost the IdS is on 127.0.0.1, and the browser returns to localhost', async () => {
    const browser = new Browser();
    const hops = await browser.follow(`${ids()}/desktop/sso/token?cc_username=1002`);
    expect(hops.map((h) => new URL(h.url).hostname)).toEqual([
      'localhost',
      '127.0.0.1',
      '127.0.0.1',
    ]);
    const state = /name="state" value="([^"]+)"/.exec(last(hops).text)?.[1] ?? '';
    const posted = await browser.hop(`${finesse()}/idp/login`, {
      form: { state, username: '1002', password: 'demo' },
    });
    expect(new URL(posted.location ?? '').host).toBe(new URL(ids()).host);
    // Without return_refresh_token=true there is no refresh token.
    const json = JSON.parse(last(await browser.follow(posted.location ?? '')).text) as object;
    expect(json).not.toHaveProperty('refresh_token');
  });

  it('an IdP session skips the form; every sign-in is its own grant', async () => {
    const browser = new Browser();
    const first = await signIn(browser);
    const hops = await browser.follow(startUrl());
    expect(hops.map((h) => new URL(h.url).pathname)).toEqual([
      '/desktop/sso/token',
      '/ids/authorize',
      '/desktop/sso/token',
    ]);
    const second = JSON.parse(last(hops).text) as TokenAnswer;
    expect(second.token).not.toBe(first.token);
    expect(second.refresh_token).not.toBe(first.refresh_token);
    const state = await control('/sim/sso', undefined, 'GET');
    expect(state.grants).toHaveLength(2);
    expect(state.grants).toContainEqual(
      expect.objectContaining({ loginId: '1001', token: second.token }),
    );
  });

  it('cc_username may be a cookie; missing 400, unknown user 401, JSON errors', async () => {
    const browser = new Browser();
    const byCookie = await browser.hop(`${finesse()}/desktop/sso/token`, {
      cookie: 'cc_username=bokafor',
    });
    expect(byCookie.status).toBe(302);
    const missing = await browser.hop(`${finesse()}/desktop/sso/token`);
    expect(missing.status).toBe(400);
    expect(missing.headers['content-type']).toBe('application/json');
    expect(JSON.parse(missing.text)).toMatchObject({ error: 'invalid_request' });
    const unknown = await browser.hop(startUrl('nobody'));
    expect(unknown.status).toBe(401);
    expect(JSON.parse(unknown.text)).toEqual({
      error: 'invalid_user',
      error_description: 'There is no user nobody.',
    });
  });

  it('NON_SSO, or a HYBRID user who signs in with a password: 401', async () => {
    await control('/sim/users/1001/auth', { kind: 'password' });
    const hybrid = await new Browser().hop(startUrl());
    expect(hybrid.status).toBe(401);
    expect(JSON.parse(hybrid.text)).toMatchObject({ error: 'sso_disabled_for_user' });
    await control('/sim/config', { authMode: 'NON_SSO' });
    const off = await new Browser().hop(startUrl('bokafor'));
    expect(off.status).toBe(401);
    expect(JSON.parse(off.text)).toMatchObject({ error: 'sso_disabled' });
  });

  it('a wrong IdP password shows the form again with the error, no redirect', async () => {
    const browser = new Browser();
    const posted = await throughIdp(browser, 'aalvarez', 'wrong');
    expect(posted.status).toBe(200);
    expect(posted.location).toBeNull();
    expect(posted.text).toContain('role="alert"');
    expect(posted.text).toContain('The user name or password is incorrect.');
    expect(posted.text).toContain('value="aalvarez"');
    expect(browser.cookie('localhost', 'sim_idp_session')).toBeUndefined();
  });

  it('idpRefuses: the IdP sends the browser back with access_denied, Finesse answers 401', async () => {
    await control('/sim/sso/faults', { kind: 'idpRefuses' });
    const browser = new Browser();
    const posted = await throughIdp(browser);
    expect(posted.status).toBe(302);
    const back = new URL(posted.location ?? '');
    expect(back.host).toBe(new URL(finesse()).host);
    expect(back.searchParams.get('error')).toBe('access_denied');
    const answer = await browser.hop(back.toString());
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.text)).toMatchObject({ error: 'access_denied' });
    // Counted: the next sign-in works.
    await signIn();
  });

  it('token500: /desktop/sso/token answers an HTML 500, GET and POST, as often as asked', async () => {
    await control('/sim/sso/faults', { kind: 'token500', times: 2 });
    const get = await new Browser().hop(startUrl());
    expect(get.status).toBe(500);
    expect(get.headers['content-type']).toMatch(/^text\/html/);
    expect(get.text).toContain('HTTP Status 500');
    const post = await new Browser().hop(`${finesse()}/desktop/sso/token`, {
      form: { 'refresh-token': 'x', cc_username: '1001' },
    });
    expect(post.status).toBe(500);
    expect((await new Browser().hop(startUrl())).status).toBe(302);
  });
});

describe('renewal', () => {
  it('POST form: a new token, the same refresh token; the old token is refused at once', async () => {
    const first = await signIn();
    const renewed = await renew(first);
    expect(renewed.status).toBe(200);
    expect(renewed.headers['content-type']).toBe('application/json');
    const json = JSON.parse(renewed.text) as TokenAnswer;
    expect(json.token).not.toBe(first.token);
    expect(json.refresh_token).toBe(first.refresh_token);
    expect(json).toMatchObject({ expires_in: 300, user_id: '1001' });
    expect(await userStatus('1001', bearer(json.token))).toBe(200);
    const stale = await call(running(), '/finesse/api/User/1001', { auth: bearer(first.token) });
    expect(stale.status).toBe(401);
    expect(stale.headers.get('www-authenticate')).toBe('Basic realm="Cisco Finesse"');
    expect(apiErrors(stale.text)).toEqual([
      { type: 'Authorization Failure', data: '', message: 'UNAUTHORIZED' },
    ]);
  });

  it('TAC 215626’s GET form renews too', async () => {
    const first = await signIn();
    const renewed = await new Browser().hop(
      `${finesse()}/desktop/sso/token?cc_username=aalvarez&refresh-token=${first.refresh_token}`,
    );
    expect(renewed.status).toBe(200);
    expect((JSON.parse(renewed.text) as TokenAnswer).token).not.toBe(first.token);
  });

  it('two grants of one user are independent', async () => {
    const tabA = await signIn();
    const tabB = await signIn();
    const renewedA = JSON.parse((await renew(tabA)).text) as TokenAnswer;
    expect(await userStatus('1001', bearer(tabA.token))).toBe(401);
    expect(await userStatus('1001', bearer(renewedA.token))).toBe(200);
    expect(await userStatus('1001', bearer(tabB.token))).toBe(200);
  });

  it('an access token expires by the server clock; renewal still works until the refresh token expires', async () => {
    await control('/sim/config', { tokenLifetimeS: 120, refreshLifetimeS: 600 });
    const first = await signIn();
    expect(first.expires_in).toBe(120);
    await control('/sim/clock', { offsetMs: 121_000 });
    expect(await userStatus('1001', bearer(first.token))).toBe(401);
    const renewed = await renew(first);
    expect(renewed.status).toBe(200);
    expect(await userStatus('1001', bearer((JSON.parse(renewed.text) as TokenAnswer).token))).toBe(
      200,
    );
    await control('/sim/clock', { offsetMs: 601_000 });
    const expired = await renew(first);
    expect(expired.status).toBe(401);
    expect(JSON.parse(expired.text)).toEqual({
      error: 'invalid_grant',
      error_description: 'The refresh token has expired. Sign in again.',
    });
  });

  it('expire-refresh: every grant that exists now needs a new sign-in', async () => {
    const first = await signIn();
    await control('/sim/sso/expire-refresh');
    const expired = await renew(first);
    expect(expired.status).toBe(401);
    expect(expired.headers['content-type']).toBe('application/json');
    expect(JSON.parse(expired.text)).toEqual({
      error: 'invalid_grant',
      error_description: 'The refresh token has expired. Sign in again.',
    });
    // An unknown refresh token is the same answer; another user's is refused.
    expect((await renew({ ...first, refresh_token: 'nope' })).status).toBe(401);
    const fresh = await signIn();
    const notTheirs = await renew(fresh, 'bokafor');
    expect(notTheirs.status).toBe(401);
    expect(JSON.parse(notTheirs.text)).toMatchObject({ error: 'invalid_grant' });
  });

  it('renewNeedsBrowser: 302 to the IdS on the other origin, which signs the user in again', async () => {
    const browser = new Browser();
    const first = await signIn(browser);
    await control('/sim/sso/faults', { kind: 'renewNeedsBrowser' });
    const renewed = await renew(first, 'aalvarez', browser);
    expect(renewed.status).toBe(302);
    expect(renewed.location).toMatch(new RegExp(`^${ids()}/ids/authorize\\?state=\\w+$`));
    // The old token still works until it expires: the renewal did not happen.
    expect(await userStatus('1001', bearer(first.token))).toBe(200);
    // The browser's IdP session brings it straight back with a new grant.
    const hops = await browser.follow(renewed.location ?? '');
    expect(last(hops).status).toBe(200);
  });

  it('the request log has /desktop/sso/token without tokens in the query, and bearer', async () => {
    const first = await signIn();
    await new Browser().hop(
      `${finesse()}/desktop/sso/token?cc_username=aalvarez&refresh-token=${first.refresh_token}`,
    );
    await call(running(), '/finesse/api/User/1001', { auth: bearer(first.token) });
    await call(running(), '/finesse/api/User/1001');
    const log = running().sim.requestLog;
    const sso = log.filter((e) => e.path === '/desktop/sso/token');
    expect(sso.map((e) => e.status)).toEqual([302, 200, 200]);
    expect(sso[2]?.search).toBe('?cc_username=aalvarez&refresh-token=');
    expect(JSON.stringify(log)).not.toContain(first.refresh_token);
    const api = log.filter((e) => e.path === '/finesse/api/User/1001');
    expect(api.map((e) => e.bearer)).toEqual([first.token, null]);
  });
});

describe('UCCE: user_id is the loginName', () => {
  it('the client reads User/<loginName> with the token to learn the loginId', async () => {
    await control('/sim/reset', { flavour: 'UCCE' });
    await control('/sim/config', { ssoUserId: 'loginName' });
    const answer = await signIn(new Browser(), '1003');
    expect(answer).toMatchObject({
      user_id: 'cdubois',
      user_principal: 'cdubois@finesse.sim.example',
    });
    const user = await call(running(), '/finesse/api/User/cdubois', { auth: bearer(answer.token) });
    expect(user.status).toBe(200);
    expect(parse(user.text).User.loginId).toBe('1003');
  });
});

describe('auth modes on /finesse/api', () => {
  it('HYBRID (default): Basic and Bearer; per user when a kind is set', async () => {
    expect(await userStatus('1001', basic('1001'))).toBe(200);
    expect(await userStatus('1001', bearer('sso-1001'))).toBe(200);
    await control('/sim/users/1001/auth', { kind: 'password' });
    expect(await userStatus('1001', bearer('sso-1001'))).toBe(401);
    expect(await userStatus('1001', basic('1001'))).toBe(200);
    await control('/sim/users/1001/auth', { kind: 'sso' });
    const refused = await call(running(), '/finesse/api/User/1001', { auth: basic('1001') });
    expect(refused.status).toBe(401);
    expect(apiErrors(refused.text)).toEqual([
      { type: 'Authorization Failure', data: '1001', message: 'UNAUTHORIZED' },
    ]);
    expect(await userStatus('1001', bearer('sso-1001'))).toBe(200);
    await control('/sim/users/1001/auth', { kind: 'both' });
    expect(await userStatus('1001', basic('1001'))).toBe(200);
  });

  it('NON_SSO refuses Bearer, SSO refuses Basic, with the challenge; reset restores HYBRID', async () => {
    await control('/sim/config', { authMode: 'NON_SSO' });
    const noToken = await call(running(), '/finesse/api/User/1001', { auth: bearer('sso-1001') });
    expect(noToken.status).toBe(401);
    expect(noToken.headers.get('www-authenticate')).toBe('Basic realm="Cisco Finesse"');
    expect(await userStatus('1001', basic('1001'))).toBe(200);

    await control('/sim/config', { authMode: 'SSO' });
    const noPassword = await call(running(), '/finesse/api/User/1001', { auth: basic('1001') });
    expect(noPassword.status).toBe(401);
    expect(noPassword.headers.get('www-authenticate')).toBe('Basic realm="Cisco Finesse"');
    expect(await userStatus('1001', bearer('sso-1001'))).toBe(200);
    const info = await call(running(), '/finesse/api/SystemInfo', { auth: null });
    expect(parse(info.text).SystemInfo.systemAuthMode).toBe('SSO');

    await control('/sim/users/1002/auth', { kind: 'password' });
    await control('/sim/reset');
    expect(running().sim.authMode).toBe('HYBRID');
    expect(await userStatus('1002', bearer('sso-1002'))).toBe(200);
  });

  it('validates the config and the kind', async () => {
    const bad = async (path: string, body: unknown) =>
      (
        await call(running(), path, {
          method: 'POST',
          auth: null,
          body: JSON.stringify(body),
        })
      ).status;
    expect(await bad('/sim/config', { authMode: 'MAYBE' })).toBe(400);
    expect(await bad('/sim/config', { ssoUserId: 'email' })).toBe(400);
    expect(await bad('/sim/config', { tokenLifetimeS: 0 })).toBe(400);
    expect(await bad('/sim/config', { systemInfoNeedsAuth: 'yes' })).toBe(400);
    expect(await bad('/sim/users/1001/auth', { kind: 'magic' })).toBe(400);
    expect(await bad('/sim/users/7777/auth', { kind: 'sso' })).toBe(404);
    expect(await bad('/sim/sso/faults', { kind: 'gremlins' })).toBe(400);
    expect(running().sim.authMode).toBe('HYBRID');
  });

  it('GET /sim/sso reports config, grants and faults; reset clears them', async () => {
    await control('/sim/config', { tokenLifetimeS: 90, ssoUserId: 'loginName' });
    await signIn();
    await control('/sim/sso/faults', { kind: 'token500', times: 3 });
    const state = await control('/sim/sso', undefined, 'GET');
    expect(state).toMatchObject({
      authMode: 'HYBRID',
      ssoUserId: 'loginName',
      tokenLifetimeS: 90,
      refreshLifetimeS: 3600,
      faults: [{ kind: 'token500', remaining: 3 }],
    });
    const [grant] = state.grants as { token: string; expiresAt: string }[];
    expect(grant?.token).toMatch(/^sso-1001-/);
    expect(Date.parse(grant?.expiresAt ?? '')).toBeGreaterThan(Date.now() + 80_000);
    expect(await control('/sim/sso/faults', undefined, 'DELETE')).toEqual({ ok: true, faults: [] });
    await control('/sim/reset');
    expect(await control('/sim/sso', undefined, 'GET')).toMatchObject({
      tokenLifetimeS: 300,
      ssoUserId: 'loginId',
      grants: [],
      faults: [],
    });
  });
});

describe('SystemInfo', () => {
  it('answers without credentials; with systemInfoNeedsAuth it answers 401', async () => {
    const open = await call(running(), '/finesse/api/SystemInfo', { auth: null });
    expect(open.status).toBe(200);
    expect(parse(open.text).SystemInfo.systemAuthMode).toBe('HYBRID');
    // Credentials that are sent are checked.
    const wrong = await call(running(), '/finesse/api/SystemInfo', { auth: basic('1001', 'x') });
    expect(wrong.status).toBe(401);
    await control('/sim/config', { systemInfoNeedsAuth: true });
    const closed = await call(running(), '/finesse/api/SystemInfo', { auth: null });
    expect(closed.status).toBe(401);
    expect(closed.headers.get('www-authenticate')).toBe('Basic realm="Cisco Finesse"');
    expect((await call(running(), '/finesse/api/SystemInfo')).status).toBe(200);
  });
});

describe('/desktop/sso/test', () => {
  it('sets ssotest and posts the status to its opener or parent', async () => {
    const ok = await new Browser().hop(`${finesse()}/desktop/sso/test`);
    expect(ok.headers['set-cookie']?.[0]).toMatch(/^ssotest=true; Path=\//);
    expect(ok.text).toContain(
      '(window.opener || window.parent).postMessage({"status":"true","errorMessage":""}, \'*\')',
    );
    await control('/sim/config', { authMode: 'NON_SSO' });
    const off = await new Browser().hop(`${finesse()}/desktop/sso/test`);
    expect(off.headers['set-cookie']?.[0]).toMatch(/^ssotest=false;/);
    expect(off.text).toContain('{"status":"false","errorMessage":"AUTH_ERROR"}');
  });
});

describe('XMPP with a grant token', () => {
  it('SASL PLAIN accepts the current access token, not a renewed-away one, not in NON_SSO', async () => {
    const first = await signIn();
    const client = await connect('1001', first.token);
    expect(client.jid).toBe(`1001@${DOMAIN}/gadget`);
    const renewed = JSON.parse((await renew(first)).text) as TokenAnswer;
    const refused = await make()
      .connect(`1001@${DOMAIN}/b`, first.token)
      .then(
        () => 'CONNECTED',
        (err: Error) => err.message,
      );
    expect(refused).toMatch(/^AUTHFAIL/);
    await connect('aalvarez', renewed.token, 'c');
    await control('/sim/config', { authMode: 'NON_SSO' });
    const off = await make()
      .connect(`1001@${DOMAIN}/d`, renewed.token)
      .then(
        () => 'CONNECTED',
        (err: Error) => err.message,
      );
    expect(off).toMatch(/^AUTHFAIL/);
    await connect('1001', 'demo', 'e');
  });
});
