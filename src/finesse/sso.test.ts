// The token endpoint's answers: Cisco's JSON read, every other answer named for what it is.
import { describe, expect, it } from 'vitest';
import { fixture } from '../../test/fixtures/fixtures.ts';
import { SsoError, parseSsoAnswer, ssoTokenUrl, type SsoFailure } from './sso.ts';

function failureOf(run: () => unknown): SsoFailure {
  try {
    run();
  } catch (error) {
    if (error instanceof SsoError) return error.failure;
    throw error;
  }
  throw new Error('expected an SsoError');
}

describe('ssoTokenUrl', () => {
  it('asks for a refresh token and escapes the user name', () => {
    expect(ssoTokenUrl('https://finesse-a:8445/', 'Ana Álvarez&x')).toBe(
      'https://finesse-a:8445/desktop/sso/token?cc_username=Ana+%C3%81lvarez%26x&return_refresh_token=true',
    );
    expect(ssoTokenUrl('', '1001')).toBe(
      '/desktop/sso/token?cc_username=1001&return_refresh_token=true',
    );
  });
});

describe('parseSsoAnswer', () => {
  it("reads Cisco's example answer", () => {
    expect(parseSsoAnswer(fixture('sso-token.json'), 200)).toEqual({
      token: 'eyJhbGciOiJSUzI1NiJ9.eyJ1c2VyIjoic2plZmZlcnNvbiJ9.c2lnbmF0dXJl',
      refreshToken: 'eyJhbGciOiJSUzI1NiJ9.eyJ0eXBlIjoicmVmcmVzaCJ9.c2lnbmF0dXJl',
      expiresInS: 300,
      userId: 'sjefferson',
    });
  });

  it('reads it when the status cannot be known (a document read from a window)', () => {
    expect(parseSsoAnswer(fixture('sso-token.json'), null).expiresInS).toBe(300);
  });

  it('takes expires_in written as a string, and a renewal without a refresh token', () => {
    const token = parseSsoAnswer('{"token":"t2","expires_in":"120","user_id":"1001"}', 200);
    expect(token).toEqual({ token: 't2', refreshToken: null, expiresInS: 120, userId: '1001' });
  });

  it('an error object is a refusal with its words (4xx), a server error (5xx)', () => {
    const body = '{"error":"access_denied","error_description":"The user cancelled"}';
    expect(failureOf(() => parseSsoAnswer(body, 401))).toEqual({
      kind: 'refused',
      status: 401,
      detail: 'The user cancelled: access_denied',
    });
    expect(failureOf(() => parseSsoAnswer(body, null))).toMatchObject({ kind: 'refused' });
    expect(failureOf(() => parseSsoAnswer('{"error":"boom"}', 500))).toEqual({
      kind: 'server',
      status: 500,
      detail: 'boom',
    });
  });

  it('an HTML page is a server error at 5xx, otherwise not the expected JSON', () => {
    const html = '<html><body><h1>HTTP Status 500 – Internal Server Error</h1></body></html>';
    expect(failureOf(() => parseSsoAnswer(html, 500))).toMatchObject({
      kind: 'server',
      status: 500,
    });
    expect(failureOf(() => parseSsoAnswer(html, 200))).toMatchObject({
      kind: 'notJson',
      excerpt: expect.stringContaining('HTTP Status 500') as unknown,
    });
  });

  it('JSON without a usable token or lifetime is not the expected JSON', () => {
    for (const body of ['[]', '{}', '{"token":""}', '{"token":"t","expires_in":0}', 'null']) {
      expect(failureOf(() => parseSsoAnswer(body, 200)).kind, body).toBe('notJson');
    }
  });
});
