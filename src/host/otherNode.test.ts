// @vitest-environment jsdom
// The other node of a pair: which it is, its address, what the move carries, and the check.
import { describe, expect, it, vi } from 'vitest';
import {
  arrivalOf,
  checkOtherNode,
  continueUrl,
  otherNodeOf,
  policyAllowsConnect,
  type Here,
} from './otherNode.ts';

const here = (url: string): Here => {
  const u = new URL(url);
  return {
    protocol: u.protocol,
    host: u.host,
    hostname: u.hostname,
    port: u.port,
    pathname: u.pathname,
  };
};

const pair = {
  primaryNode: 'finesse-a.example.com',
  secondaryNode: 'finesse-b.example.com',
  xmppDomain: 'finesse-a.example.com',
};
const page = 'https://finesse-a.example.com:8445/3rdpartygadget/files/state/index.html';

describe('otherNodeOf', () => {
  it('finds the other node by the page’s host, keeping the page’s port (Cisco gives FQDNs)', () => {
    expect(otherNodeOf(pair, here(page))).toEqual({
      thisHost: 'finesse-a.example.com',
      otherHost: 'finesse-b.example.com',
      origin: 'https://finesse-b.example.com:8445',
    });
    const onB = here(page.replace('finesse-a', 'FINESSE-B'));
    expect(otherNodeOf({ ...pair, xmppDomain: 'finesse-b.example.com' }, onB)?.otherHost).toBe(
      'finesse-a.example.com',
    );
  });

  it('uses a port a host carries (the simulated pair on one machine)', () => {
    const sim = { primaryNode: '127.0.0.1:4173', secondaryNode: '127.0.0.1:4174', xmppDomain: 'x' };
    expect(otherNodeOf(sim, here('http://127.0.0.1:4174/index.html'))).toEqual({
      thisHost: '127.0.0.1:4174',
      otherHost: '127.0.0.1:4173',
      origin: 'http://127.0.0.1:4173',
    });
  });

  it('reached by another name, it decides as finesse.js does: xmppDomain is this node', () => {
    const byIp = here('https://10.0.0.5:8445/x/index.html');
    expect(otherNodeOf(pair, byIp)?.otherHost).toBe('finesse-b.example.com');
    expect(otherNodeOf({ ...pair, xmppDomain: 'finesse-b.example.com' }, byIp)?.otherHost).toBe(
      'finesse-a.example.com',
    );
  });

  it('has nothing to offer on a single node, or without hosts', () => {
    expect(otherNodeOf({ ...pair, secondaryNode: '' }, here(page))).toBeNull();
    expect(otherNodeOf({ ...pair, primaryNode: '' }, here(page))).toBeNull();
    expect(otherNodeOf({ ...pair, secondaryNode: pair.primaryNode }, here(page))).toBeNull();
  });
});

describe('the move', () => {
  it('carries the user ID and the way of signing in, never a credential, and is read back once', () => {
    const node = otherNodeOf(pair, here(page));
    if (!node) throw new Error('no node');
    const url = continueUrl(node, here(page), { userId: 'a.álvarez', via: 'sso' });
    expect(url).toBe(
      'https://finesse-b.example.com:8445/3rdpartygadget/files/state/index.html?user=a.%C3%A1lvarez&signin=sso&from=finesse-a.example.com',
    );
    expect(url).not.toMatch(/password|token/i);
    expect(arrivalOf(new URL(url).search)).toEqual({
      userId: 'a.álvarez',
      via: 'sso',
      from: 'finesse-a.example.com',
    });
  });

  it('is no arrival without a user or an origin; an unknown way is the password', () => {
    expect(arrivalOf('')).toBeNull();
    expect(arrivalOf('?user=1001')).toBeNull();
    expect(arrivalOf('?from=a')).toBeNull();
    expect(arrivalOf('?user=1001&from=a&signin=magic')?.via).toBe('password');
  });
});

describe('policyAllowsConnect', () => {
  const withPolicy = (content: string | null) => {
    const doc = document.implementation.createHTMLDocument('');
    if (content !== null) {
      const meta = doc.createElement('meta');
      meta.httpEquiv = 'Content-Security-Policy';
      meta.content = content;
      doc.head.append(meta);
    }
    return doc;
  };

  it('follows connect-src (else default-src): the origin listed, its scheme, or any', () => {
    const b = 'https://finesse-b.example.com:8445';
    expect(policyAllowsConnect(b, withPolicy(null))).toBe(true);
    expect(policyAllowsConnect(b, withPolicy("default-src 'self'; connect-src 'self'"))).toBe(
      false,
    );
    expect(policyAllowsConnect(b, withPolicy(`default-src 'self'; connect-src 'self' ${b}`))).toBe(
      true,
    );
    expect(policyAllowsConnect(b, withPolicy("connect-src 'self' https:"))).toBe(true);
    expect(policyAllowsConnect(b, withPolicy("default-src 'self'"))).toBe(false);
    expect(policyAllowsConnect(b, withPolicy("script-src 'self'"))).toBe(true);
  });
});

describe('checkOtherNode', () => {
  const systemInfo = (status: string) =>
    `<SystemInfo><deploymentType>UCCX</deploymentType><status>${status}</status></SystemInfo>`;

  it('reads the other node’s SystemInfo without credentials', async () => {
    const fetchImpl = vi.fn(async () => new Response(systemInfo('IN_SERVICE')));
    await expect(checkOtherNode('https://b:8445', fetchImpl)).resolves.toBe('inService');
    expect(fetchImpl).toHaveBeenCalledWith(
      'https://b:8445/finesse/api/SystemInfo',
      expect.objectContaining({ credentials: 'omit', mode: 'cors' }),
    );
    const out = async () => new Response(systemInfo('OUT_OF_SERVICE'));
    await expect(checkOtherNode('https://b', out)).resolves.toBe('notInService');
    const tomcat = async () => new Response('<html>Service Unavailable</html>', { status: 503 });
    await expect(checkOtherNode('https://b', tomcat)).resolves.toBe('notInService');
  });

  it('says it could not check when the browser refuses (no CORS) or the answer is not SystemInfo', async () => {
    const refused = async () => {
      throw new TypeError('Failed to fetch');
    };
    await expect(checkOtherNode('https://b', refused)).resolves.toBe('unchecked');
    const wantsAuth = async () => new Response('', { status: 401 });
    await expect(checkOtherNode('https://b', wantsAuth)).resolves.toBe('unchecked');
    const html = async () => new Response('<html><body>login</body></html>');
    await expect(checkOtherNode('https://b', html)).resolves.toBe('unchecked');
  });
});
