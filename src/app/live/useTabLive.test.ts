// The tab's XMPP password: from the Basic credentials (UTF-8), or the SSO token.
import { describe, expect, it } from 'vitest';
import { basicAuth } from '../../finesse/client.ts';
import { passwordOf } from './useTabLive.ts';

describe('passwordOf', () => {
  it('takes the password out of Basic credentials, UTF-8 and colons included', () => {
    const auth = basicAuth('1001', 'pässwörd:1');
    expect(passwordOf({ userId: '1001', getAuth: () => auth })).toBe('pässwörd:1');
  });
  it('uses the SSO token as it is, and nothing without credentials', () => {
    expect(passwordOf({ userId: '1001', getAuth: () => ({ scheme: 'Bearer', token: 't' }) })).toBe(
      't',
    );
    expect(passwordOf({ userId: '1001', getAuth: () => null })).toBe('');
  });
});
