// The page's Content-Security-Policy: its own origin only, and the other Finesse node where given.
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, pairOrigins, policyWith } from '../build/csp.ts';

describe('the Content-Security-Policy', () => {
  it('connects to its own origin only by default', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'self';");
  });

  it('adds the other node of a pair, from FINESSE_PAIR_ORIGINS', () => {
    const origins = pairOrigins(
      ' https://finesse-b.example.com:8445  https://finesse-a.example.com/ ',
    );
    expect(origins).toEqual([
      'https://finesse-b.example.com:8445',
      'https://finesse-a.example.com',
    ]);
    expect(policyWith(origins)).toContain(
      "connect-src 'self' https://finesse-b.example.com:8445 https://finesse-a.example.com;",
    );
    expect(pairOrigins('')).toEqual([]);
  });

  it('refuses what is not an http(s) origin', () => {
    expect(() => pairOrigins('https://b.example.com/path')).toThrow(/not an http\(s\) origin/);
    expect(() => pairOrigins("'unsafe-inline'")).toThrow();
    expect(() => pairOrigins('javascript:alert(1)')).toThrow(/not an http\(s\) origin/);
  });
});
