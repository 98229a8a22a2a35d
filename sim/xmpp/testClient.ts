// Test helpers: a real, independent XMPP client (strophe.js, its Node build) against the
// simulated Notification Service, and waits that resolve on the state itself.
import { afterEach } from 'vitest';
import { $iq, Strophe } from 'strophe.js';
import type { Builder } from 'strophe.js';
import { DOMParser } from '@xmldom/xmldom';
import WebSocket from 'ws';
import { XMPP_DOMAIN, XMPP_PUBSUB_DOMAIN } from '../xml.ts';

Strophe.setLogLevel(Strophe.LogLevel.WARN);

export const DOMAIN = XMPP_DOMAIN;
export const PUBSUB = XMPP_PUBSUB_DOMAIN;
export const NS_PUBSUB = 'http://jabber.org/protocol/pubsub';
const NS_EVENT = 'http://jabber.org/protocol/pubsub#event';
/** A safety net only: every wait resolves as soon as what it waits for happens. */
const WAIT_MS = 10_000;

export const wsUrl = (httpUrl: string, path = '/ws/') => httpUrl.replace(/^http/, 'ws') + path;

export interface Event {
  node: string;
  /** The decoded `<Update>` document element. */
  update: Element;
}

/** Text of the first descendant element with this name. */
export const field = (el: Element, name: string): string | undefined =>
  el.getElementsByTagName(name)[0]?.textContent ?? undefined;

const statusName = (status: number): string =>
  Object.entries(Strophe.Status).find(([, value]) => value === status)?.[0] ?? String(status);

const updateParser = new DOMParser();

export class Client {
  readonly conn: InstanceType<typeof Strophe.Connection>;
  readonly statuses: { status: string; condition: string | undefined }[] = [];
  readonly events: Event[] = [];
  readonly presences: Element[] = [];
  private readonly checks = new Set<() => void>();
  /** The pubsub service of the node this client talks to (node `b`: `pubsub.finesse-b…`). */
  readonly pubsubDomain: string;

  /** `domain`: the node's XMPP domain (node `a`'s by default). */
  constructor(url: string, domain = DOMAIN) {
    this.pubsubDomain = `pubsub.${domain}`;
    this.conn = new Strophe.Connection(url, { mechanisms: [Strophe.SASLPlain] });
    this.conn.addHandler(
      (message) => {
        for (const items of Array.from(message.getElementsByTagNameNS(NS_EVENT, 'items'))) {
          for (const n of Array.from(items.getElementsByTagNameNS(NS_PUBSUB, 'notification'))) {
            const doc = updateParser.parseFromString(n.textContent ?? '', 'text/xml');
            this.events.push({
              node: items.getAttribute('node') ?? '',
              update: doc.documentElement as unknown as Element,
            });
          }
        }
        this.notify();
        return true;
      },
      null,
      'message',
      null,
      null,
      this.pubsubDomain,
    );
    this.conn.addHandler(
      (presence) => {
        this.presences.push(presence);
        this.notify();
        return true;
      },
      null,
      'presence',
      null,
    );
  }

  get jid(): string {
    return this.conn.jid;
  }

  get bare(): string {
    return Strophe.getBareJidFromJid(this.conn.jid) ?? '';
  }

  /** Resolves on CONNECTED; rejects with the status name and condition otherwise. */
  connect(jid: string, password: string): Promise<this> {
    return new Promise((resolve, reject) => {
      this.conn.connect(jid, password, (status, condition) => {
        const name = statusName(status);
        this.statuses.push({ status: name, condition: condition ?? undefined });
        this.notify();
        if (name === 'CONNECTED') resolve(this);
        else if (['AUTHFAIL', 'CONNFAIL', 'ERROR', 'DISCONNECTED'].includes(name)) {
          reject(new Error(`${name}${condition ? ` ${condition}` : ''}`));
        }
      });
    });
  }

  has(status: string): boolean {
    return this.statuses.some((s) => s.status === status);
  }

  /** Resolves with the probe's value once it is defined (checked after every event/status). */
  until<T>(probe: () => T | undefined | false, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const value = probe();
        if (value === undefined || value === false) return;
        done();
        resolve(value);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out waiting for ${what}`));
      }, WAIT_MS);
      const done = () => {
        clearTimeout(timer);
        this.checks.delete(check);
      };
      this.checks.add(check);
      check();
    });
  }

  untilStatus(status: string) {
    return this.until(() => this.statuses.find((s) => s.status === status), status);
  }

  /** The first event (from index `from` on) that matches. */
  untilEvent(match: (e: Event) => boolean, what: string, from = 0) {
    return this.until(() => this.events.slice(from).find(match), what);
  }

  private notify(): void {
    for (const check of [...this.checks]) check();
  }

  /** An iq; resolves with the answer whether result or error (`type` tells which). */
  iq(stanza: Builder): Promise<Element> {
    return new Promise((resolve, reject) => {
      this.conn.sendIQ(
        stanza,
        (result) => resolve(result),
        (error) => (error ? resolve(error) : reject(new Error('iq timeout'))),
        WAIT_MS,
      );
    });
  }

  pubsub(type: 'get' | 'set', name: string, attrs: Record<string, string> = {}) {
    return this.iq(
      $iq({ type, to: this.pubsubDomain }).c('pubsub', { xmlns: NS_PUBSUB }).c(name, attrs),
    );
  }

  subscribe(node: string, jid = this.bare) {
    return this.pubsub('set', 'subscribe', { node, jid });
  }

  unsubscribe(node: string, jid = this.bare) {
    return this.pubsub('set', 'unsubscribe', { node, jid });
  }

  async subscriptions(): Promise<{ node: string; jid: string; subscription: string }[]> {
    const answer = await this.pubsub('get', 'subscriptions');
    return Array.from(answer.getElementsByTagName('subscription')).map((s) => ({
      node: s.getAttribute('node') ?? '',
      jid: s.getAttribute('jid') ?? '',
      subscription: s.getAttribute('subscription') ?? '',
    }));
  }

  /** Graceful sign-out; resolves on DISCONNECTED. */
  async disconnect(): Promise<void> {
    if (this.has('DISCONNECTED')) return;
    const gone = this.untilStatus('DISCONNECTED');
    this.conn.disconnect('done');
    await gone;
  }
}

/** The condition element of an iq error (`forbidden`, `service-unavailable`…), or undefined. */
export function errorCondition(iq: Element): string | undefined {
  if (iq.getAttribute('type') !== 'error') return undefined;
  const error = iq.getElementsByTagName('error')[0];
  const condition = Array.from(error?.childNodes ?? []).find(
    (n) =>
      n.nodeType === 1 && (n as Element).namespaceURI === 'urn:ietf:params:xml:ns:xmpp-stanzas',
  );
  return condition ? (condition as Element).localName : undefined;
}

/**
 * New clients for this test; every one still connected is signed out after it (before the
 * simulator closes: `setupSim` registered its afterEach first, and after-hooks run in reverse).
 */
export function clients(url: () => string, domain = DOMAIN) {
  const open: Client[] = [];
  afterEach(async () => {
    // Strophe leaves the socket open after AUTHFAIL: those are closed here too.
    await Promise.all(open.splice(0).map((c) => (c.statuses.length > 0 ? c.disconnect() : null)));
  });
  const make = () => {
    const client = new Client(wsUrl(url()), domain);
    open.push(client);
    return client;
  };
  return {
    make,
    /** A connected client: `user` is the JID's local part, resource `gadget` unless given. */
    connect: (user: string, password = 'demo', resource = 'gadget') =>
      make().connect(`${user}@${domain}/${resource}`, password),
  };
}

/** The HTTP status an upgrade to the service gets (101 when it is accepted). */
export function upgradeStatus(
  httpUrl: string,
  path = '/ws/',
  protocols: string[] = ['xmpp'],
): Promise<{ status: number; protocol?: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(wsUrl(httpUrl, path), protocols);
    socket.once('open', () => {
      resolve({ status: 101, protocol: socket.protocol });
      socket.terminate();
    });
    socket.once('unexpected-response', (request, response) => {
      resolve({ status: response.statusCode ?? 0 });
      request.destroy();
    });
    socket.once('error', reject);
  });
}

/** A bare WebSocket speaking raw frames: for what strophe.js would never send. */
export async function rawStream(httpUrl: string) {
  const socket = new WebSocket(wsUrl(httpUrl), ['xmpp']);
  const frames: string[] = [];
  const checks = new Set<() => void>();
  const notify = () => {
    for (const check of [...checks]) check();
  };
  let isClosed = false;
  socket.on('message', (data: Buffer) => {
    frames.push(data.toString('utf8'));
    notify();
  });
  socket.on('close', () => {
    isClosed = true;
    notify();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const until = (done: () => boolean, what: string) =>
    new Promise<string[]>((resolve, reject) => {
      const check = () => {
        if (!done()) return;
        finish();
        resolve(frames);
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`timed out waiting for ${what}; got ${frames.join(' | ')}`));
      }, WAIT_MS);
      const finish = () => {
        clearTimeout(timer);
        checks.delete(check);
      };
      checks.add(check);
      check();
    });
  return {
    socket,
    frames,
    send: (frame: string) => socket.send(frame),
    /** Resolves once `count` frames have arrived. */
    frameCount: (count: number) => until(() => frames.length >= count, `${count} frames`),
    /** Resolves with every frame once the server has closed the socket. */
    closed: () => until(() => isClosed, 'close'),
  };
}
