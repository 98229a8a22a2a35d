// Live Finesse notifications for the browser tab: one XMPP connection (strophe.js) that subscribes, delivers Updates and reconnects.
// This is the lifecycle and retry state machine; iqs are in iq.ts, subscription bookkeeping in
// subscriptions.ts, the keep-alive ping in keepAlive.ts.
import { Strophe } from 'strophe.js';
import {
  DEFAULT_BACKOFF,
  backoffDelay,
  slowRetryDelay,
  validBackoff,
  type Backoff,
} from './backoff.ts';
import { listeners, reportLater } from '../../utils/listeners.ts';
import { createIqCaller, sendQuietly, type IqCaller } from './iq.ts';
import { createKeepAlive, type KeepAlive } from './keepAlive.ts';
import { NOTIFICATION_LIMIT } from '../update.ts';
import { notificationsOf } from './payload.ts';
import { availablePresence, pingIq, sameJid, unsubscribeIq } from './pubsub.ts';
import {
  createNodeSubscriptions,
  createRegistry,
  type NodeSubscriptions,
  type Registration,
} from './subscriptions.ts';

export { IqError } from './iq.ts';

// Strophe logs every step at DEBUG by default; a dropped socket still shows as a warning or error.
Strophe.setLogLevel(Strophe.LogLevel.WARN);

/** Why notifications are not live: the page then polls and says which mode it is in. */
export type FailureReason =
  /** The server refused the credentials (AUTHFAIL), or offered no mechanism we speak (PLAIN). */
  | 'auth'
  /** The WebSocket could not be opened or the stream was refused before sign-in (CONNFAIL). */
  | 'unreachable'
  /** Connections open but keep dropping, or the server stopped answering. */
  | 'dropping';

export type NotificationStatus =
  | { state: 'idle' }
  /** The first connection since start(), not yet live. */
  | { state: 'connecting' }
  /** Signed in, subscriptions in place: Updates arrive as they happen. */
  | { state: 'live' }
  /** Was live, dropped, retrying with backoff. Updates in the gap are lost (not replayed). */
  | { state: 'reconnecting' }
  /** Retrying in the background at about backoff.maxMs; live again on its own when it can. */
  | { state: 'failed'; reason: FailureReason; detail: string | null }
  | { state: 'stopped' };

export type ConnectionStatusCallback = (status: number, condition: string | null) => void;

/**
 * The part of Strophe.Connection this client uses. Unit tests pass a fake through
 * createConnection for the cases a real server cannot produce on demand.
 */
export interface XmppConnection {
  /** The full JID; after CONNECTED, the one the server bound. */
  readonly jid: string;
  connect(jid: string, password: string, callback: ConnectionStatusCallback): void;
  /** Sends unavailable presence and closes the stream (Strophe does both). */
  disconnect(reason?: string): void;
  send(stanza: Element): void;
  sendIQ(
    stanza: Element,
    onResult: (answer: Element) => void,
    onError: (answer: Element | null) => void,
  ): string;
  addHandler(
    handler: (stanza: Element) => boolean,
    ns: string | null,
    name: string | null,
    type: string | null,
  ): unknown;
}

export interface XmppNotificationsOptions {
  /** WebSocket URL, e.g. `wss://<finesse host>:8445/ws/`; the caller builds it from the page origin. */
  url: string;
  /** SystemInfo xmppDomain. */
  domain: string;
  /** SystemInfo xmppPubSubDomain. */
  pubsubService: string;
  /** The JID's local part: the Finesse loginId. */
  userId: string;
  /** Read at each (re)connect, so a new password or a refreshed SSO token is used. */
  getPassword: () => string;
  /** Default: unique per client. Never 'desktop': that resource disconnects the agent's own desktop. */
  resource?: string;
  /** Default 10 s, as Cisco's sample pings the domain to keep the Openfire session alive. */
  pingIntervalMs?: number;
  /** How long an iq (ping, subscribe…) may go unanswered before the connection counts as dropped. Default 10 s. */
  replyTimeoutMs?: number;
  /** Default 1 s doubling up to 30 s, with full jitter. */
  backoff?: Backoff;
  random?: () => number;
  now?: () => number;
  setTimeout?: (callback: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
  /** Default: a strophe.js Connection that authenticates with SASL PLAIN only. */
  createConnection?: (url: string) => XmppConnection;
}

export interface SubscribeOptions {
  /**
   * The service refused the subscription (e.g. `forbidden`, `item-not-found`); no Updates will
   * come for that node from this connection, so the page should poll it. Called again if a later
   * connection is refused too.
   */
  onRefused?: (condition: string | null) => void;
  /**
   * The subscription is in place on a connection: Updates from now on arrive. Called again after
   * each reconnect, once the node is subscribed again; a read made after it misses nothing.
   */
  onSubscribed?: () => void;
}

export interface XmppNotifications {
  start(): void;
  /** Unsubscribes the explicit nodes, sends unavailable presence, closes; never reconnects after. Safe to call twice. */
  stop(): Promise<void>;
  /** Listens to a node Finesse subscribes the user to itself (`/finesse/api/User/{id}`…). */
  listen(node: string, onPayload: (payload: string) => void): () => void;
  /** Subscribes to a node explicitly (a supervisor's `/finesse/api/Team/{id}/Users`); the returned function leaves it. */
  subscribe(
    node: string,
    onPayload: (payload: string) => void,
    options?: SubscribeOptions,
  ): () => void;
  status(): NotificationStatus;
  onStatus(listener: (status: NotificationStatus) => void): () => void;
  /** Live again after having been down: re-read once, Updates during the gap are not replayed. Not called for the first live. */
  onReconnected(listener: () => void): () => void;
  /** Time (ms since the epoch) of the last stanza received, or null before the first. */
  lastHeard(): number | null;
  /**
   * The `finesse` user's presence (`finesse@<domain>`): false when Finesse's web services are
   * down while XMPP stays up (Cisco's "Failure Scenarios"), true when they are back; null when the
   * session that carried it ended. Whether a client outside the desktop receives it is unknown
   * (failover.md): it may never be called.
   */
  onFinessePresence(listener: (available: boolean | null) => void): () => void;
  /** Reconnect now rather than at the next retry (SystemInfo says Finesse is in service: Cisco's step 1). */
  reconnectNow(): void;
  /**
   * A stanza over STANZA_LIMIT arrived and was dropped before any parsing (the default
   * connection only): what it carried is unknown, so the page reads again.
   */
  onOversized(listener: (chars: number) => void): () => void;
}

/**
 * The largest WebSocket frame parsed, in characters: four times the largest Update read
 * (NOTIFICATION_LIMIT), room for the escaping of an Update inside `<notification>` and the
 * stanza around it. Anything larger cannot carry an Update the page would read, and parsing it
 * (Strophe parses every frame into a DOM first) could block the page.
 */
export const STANZA_LIMIT = 4 * NOTIFICATION_LIMIT;

export const DEFAULT_PING_INTERVAL_MS = 10000;
export const DEFAULT_REPLY_TIMEOUT_MS = 10000;
/** Failed attempts in a row after which the status says 'failed' and the page polls instead. */
export const FAILURES_BEFORE_FAILED = 3;
/** After an auth failure, the same credential is tried again only every this many maxMs. */
export const SAME_CREDENTIAL_RETRY_FACTOR = 10;
/** How long stop() waits for the server to close the stream. */
const STOP_WAIT_MS = 2000;
const RESERVED_RESOURCE = 'desktop';

const Status = Strophe.Status;

type Ending = 'auth' | 'unreachable' | 'dropped' | 'conflict';

/** One connection attempt, from connect() until it ends; a reconnect is a new Session. */
interface Session {
  conn: XmppConnection;
  password: string;
  /** Strophe reported CONNECTED: authenticated and bound. */
  connected: boolean;
  ended: boolean;
  /** The bound full JID. */
  jid: string;
  iq: IqCaller;
  /** Made once the connection is bound (its JID known). */
  subscriptions: NodeSubscriptions | null;
  keepAlive: KeepAlive;
  /** Resolves at Strophe's DISCONNECTED for this connection. */
  closed: Promise<void>;
  markClosed: () => void;
}

export function createXmppNotifications(options: XmppNotificationsOptions): XmppNotifications {
  const resource = checkedResource(options.resource);
  const pingIntervalMs = positive(
    options.pingIntervalMs ?? DEFAULT_PING_INTERVAL_MS,
    'pingIntervalMs',
  );
  const replyTimeoutMs = positive(
    options.replyTimeoutMs ?? DEFAULT_REPLY_TIMEOUT_MS,
    'replyTimeoutMs',
  );
  const backoff = validBackoff(options.backoff ?? DEFAULT_BACKOFF);
  const random = options.random ?? Math.random;
  const now = options.now ?? (() => Date.now());
  // Looked up at each call, so fake timers installed after creation still apply.
  const setTimer = options.setTimeout ?? ((callback, ms) => setTimeout(callback, ms));
  const clearTimer =
    options.clearTimeout ??
    ((handle) => clearTimeout(handle as Parameters<typeof clearTimeout>[0]));
  const oversizedListeners = listeners<[number]>({ isolated: true });
  const createConnection =
    options.createConnection ??
    ((url: string) => createStropheConnection(url, (chars) => oversizedListeners.emit(chars)));
  const service = options.pubsubService;
  // XEP-0106 escaping keeps a loginId with spaces, '@' or '/' a single local part.
  const jidToBind = `${String(Strophe.escapeNode(options.userId))}@${options.domain}/${resource}`;

  const registry = createRegistry(wantsChanged);
  const statusListeners = listeners<[NotificationStatus]>({ isolated: true });
  const reconnectedListeners = listeners({ isolated: true });
  const presenceListeners = listeners<[boolean | null]>({ isolated: true });
  const finesseJid = `finesse@${options.domain}`;
  let finesseAvailable: boolean | null = null;
  let current: NotificationStatus = { state: 'idle' };
  let session: Session | null = null;
  let retryTimer: unknown = null;
  let started = false;
  let stopped = false;
  let stopDone: Promise<void> | null = null;
  let everLive = false;
  /** Attempts in a row that ended before a session was established (a keep-alive answered). */
  let failures = 0;
  let authRefused: { password: string; at: number } | null = null;
  let lastHeardAt: number | null = null;

  function setStatus(next: NotificationStatus): void {
    const same =
      next.state === current.state &&
      (next.state !== 'failed' || (current.state === 'failed' && current.reason === next.reason));
    if (same) return;
    current = next;
    statusListeners.emit(next);
  }

  function heard(): void {
    lastHeardAt = now();
  }

  function finessePresence(available: boolean | null): void {
    if (available === finesseAvailable) return;
    finesseAvailable = available;
    presenceListeners.emit(available);
  }

  function connect(): void {
    retryTimer = null;
    if (stopped) return;
    let password: string;
    try {
      password = options.getPassword();
    } catch (error) {
      // No credential to offer (signed out, token gone): nothing to ask the server yet.
      attemptEnded(null, 'auth', messageOf(error));
      return;
    }
    let conn: XmppConnection;
    try {
      conn = createConnection(options.url);
    } catch (error) {
      attemptEnded(null, 'unreachable', messageOf(error));
      return;
    }
    let markClosed = () => {};
    const closed = new Promise<void>((resolve) => (markClosed = resolve));
    const iq = createIqCaller(conn, {
      timeoutMs: replyTimeoutMs,
      setTimeout: setTimer,
      clearTimeout: clearTimer,
    });
    const s: Session = {
      conn,
      password,
      connected: false,
      ended: false,
      jid: jidToBind,
      iq,
      subscriptions: null,
      keepAlive: createKeepAlive({
        ping: () => iq.request(pingIq(options.domain)),
        intervalMs: pingIntervalMs,
        setTimeout: setTimer,
        clearTimeout: clearTimer,
        isEnded: () => s.ended,
        onAnswer: () => {
          failures = 0;
        },
        onSilence: () => end(s, 'dropped', 'no answer to a keep-alive ping', true),
      }),
      closed,
      markClosed,
    };
    session = s;
    try {
      conn.connect(jidToBind, password, (status, condition) =>
        onConnectionStatus(s, status, condition),
      );
    } catch (error) {
      // e.g. a malformed URL: the WebSocket constructor throws synchronously.
      s.markClosed();
      end(s, 'unreachable', messageOf(error));
    }
  }

  function onConnectionStatus(s: Session, status: number, condition: string | null): void {
    if (status === Status.DISCONNECTED) s.markClosed();
    if (s.ended) return;
    switch (status) {
      case Status.CONNECTED:
        s.connected = true;
        heard();
        void setUp(s);
        break;
      case Status.AUTHFAIL:
        // Strophe leaves the socket open after a SASL failure: close it ourselves.
        end(s, 'auth', condition, true);
        break;
      case Status.CONNFAIL:
        end(s, endingOf(s, condition), condition);
        break;
      case Status.DISCONNECTED:
      case Status.CONNTIMEOUT:
        end(s, s.connected ? 'dropped' : 'unreachable', condition);
        break;
      default:
      // CONNECTING, AUTHENTICATING, DISCONNECTING…: steps on the way, nothing to do.
    }
  }

  /** Marks a session ended: no more keep-alives, unanswered iqs rejected. */
  function close(s: Session): void {
    s.ended = true;
    s.keepAlive.stop();
    s.iq.close();
  }

  /** Ends a session for good; anything it reports afterwards is ignored. */
  function end(s: Session, ending: Ending, detail: string | null, closeSocket = false): void {
    if (s.ended) return;
    close(s);
    if (closeSocket) closeQuietly(s.conn);
    if (session === s) session = null;
    attemptEnded(s, ending, detail);
  }

  function attemptEnded(s: Session | null, ending: Ending, detail: string | null): void {
    if (stopped) return;
    // What the ended session said of the `finesse` user no longer holds.
    finessePresence(null);
    failures += 1;
    if (ending === 'auth') {
      authRefused = { password: s?.password ?? '', at: now() };
      setStatus({ state: 'failed', reason: 'auth', detail });
      retryAfter(slowRetryDelay(backoff, random));
      return;
    }
    // 'conflict': another login took this resource. Reconnecting at once would take it back
    // and start a tug of war between the two, so retry slowly and say it keeps dropping.
    if (ending === 'conflict' || failures >= FAILURES_BEFORE_FAILED) {
      const reason = ending === 'unreachable' ? 'unreachable' : 'dropping';
      setStatus({ state: 'failed', reason, detail });
      retryAfter(slowRetryDelay(backoff, random));
      return;
    }
    setStatus(everLive ? { state: 'reconnecting' } : { state: 'connecting' });
    retryAfter(backoffDelay(failures, backoff, random));
  }

  function retryAfter(ms: number): void {
    retryTimer = setTimer(retry, ms);
  }

  function retry(): void {
    retryTimer = null;
    if (stopped) return;
    // Finesse users are CUCM / directory accounts that lock after repeated failures: a password
    // the server refused is tried again only rarely; a changed one (new sign-in, refreshed SSO
    // token) at the next tick.
    if (authRefused !== null && current.state === 'failed' && current.reason === 'auth') {
      const unchanged = safeGetPassword() === authRefused.password;
      if (unchanged && now() - authRefused.at < SAME_CREDENTIAL_RETRY_FACTOR * backoff.maxMs) {
        retryAfter(slowRetryDelay(backoff, random));
        return;
      }
    }
    connect();
  }

  function safeGetPassword(): string | null {
    try {
      return options.getPassword();
    } catch {
      return null;
    }
  }

  /** After CONNECTED: presence, tidy and (re)make the subscriptions, then live. */
  async function setUp(s: Session): Promise<void> {
    s.jid = s.conn.jid || jidToBind;
    s.subscriptions = createNodeSubscriptions({
      registry,
      service,
      jid: s.jid,
      request: (stanza) => s.iq.request(stanza),
      isEnded: () => s.ended,
    });
    s.conn.addHandler(
      () => {
        heard();
        return true;
      },
      null,
      null,
      null,
    );
    s.conn.addHandler(onMessage, null, 'message', null);
    s.conn.addHandler(onPresence, null, 'presence', null);
    // Initial presence, as Cisco's sample sends: a node with presence-based delivery
    // (XEP-0060 pubsub#presence_based_delivery) sends nothing to a subscriber that is unavailable.
    s.conn.send(availablePresence());
    try {
      await s.subscriptions.setUp();
    } catch (error) {
      end(s, 'dropped', `setting up subscriptions: ${messageOf(error)}`, true);
      return;
    }
    if (s.ended || stopped) return;
    authRefused = null;
    setStatus({ state: 'live' });
    s.keepAlive.start();
    if (everLive) reconnectedListeners.emit();
    everLive = true;
  }

  function onMessage(stanza: Element): boolean {
    try {
      // Only the pubsub service speaks for Finesse: any account on the server could send this
      // user a message shaped like an Update.
      if (!sameJid(stanza.getAttribute('from') ?? '', service)) return true;
      for (const { node, payload } of notificationsOf(stanza)) registry.deliver(node, payload);
    } catch (error) {
      reportLater(error);
    }
    return true; // keep the handler
  }

  /** The `finesse` user's presence: unavailable = Finesse's web services are down (failover.md). */
  function onPresence(stanza: Element): boolean {
    const from = stanza.getAttribute('from') ?? '';
    const slash = from.indexOf('/');
    const bare = (slash < 0 ? from : from.slice(0, slash)).toLowerCase();
    if (bare !== finesseJid.toLowerCase()) return true;
    const type = stanza.getAttribute('type');
    // No type is available (RFC 6121 §4.7.1); 'unavailable' is gone; other types are not presence of it.
    if (type === null || type === '') finessePresence(true);
    else if (type === 'unavailable') finessePresence(false);
    return true;
  }

  /** A node was joined or left while connected: subscribe or unsubscribe now, not at the next reconnect. */
  function wantsChanged(node: string): void {
    const s = session;
    // Before the subscriptions are read, setUp() settles every node once they are.
    if (!s || s.ended || !s.subscriptions?.synced) return;
    s.subscriptions.settle(node).catch((error: unknown) => {
      end(s, 'dropped', `subscription to ${node}: ${messageOf(error)}`, true);
    });
  }

  function stop(): Promise<void> {
    if (stopDone) return stopDone;
    let closed: Promise<void> = Promise.resolve();
    const s = session;
    // Set first: from here on nothing is wanted, retried or delivered.
    stopped = true;
    registry.stop();
    if (retryTimer !== null) clearTimer(retryTimer);
    retryTimer = null;
    session = null;
    if (s && !s.ended) {
      close(s);
      if (s.connected && s.subscriptions) {
        // Sent without waiting for answers, then the stream is closed behind them: the server
        // handles a stream's stanzas in order, and on pagehide nothing asynchronous would run.
        for (const { node, subid } of s.subscriptions.held()) {
          sendQuietly(s.conn, unsubscribeIq(service, node, s.jid, subid));
        }
      }
      closed = s.closed;
      closeQuietly(s.conn); // Strophe sends unavailable presence first
    }
    setStatus({ state: 'stopped' });
    stopDone = new Promise<void>((resolve) => {
      const timer = setTimer(resolve, STOP_WAIT_MS);
      void closed.then(() => {
        clearTimer(timer);
        resolve();
      });
    });
    return stopDone;
  }

  const registration = (
    onPayload: (payload: string) => void,
    explicit: boolean,
    subscribeOptions?: SubscribeOptions,
  ): Registration => ({
    onPayload,
    explicit,
    onRefused: subscribeOptions?.onRefused,
    onSubscribed: subscribeOptions?.onSubscribed,
    announcedOn: null,
  });

  return {
    start() {
      if (started || stopped) return;
      started = true;
      setStatus({ state: 'connecting' });
      connect();
    },
    stop,
    listen: (node, onPayload) => registry.register(node, registration(onPayload, false)),
    subscribe: (node, onPayload, subscribeOptions) =>
      registry.register(node, registration(onPayload, true, subscribeOptions)),
    status: () => current,
    onStatus: (listener) => statusListeners.add(listener),
    onReconnected: (listener) => reconnectedListeners.add(listener),
    lastHeard: () => lastHeardAt,
    onFinessePresence: (listener) => presenceListeners.add(listener),
    onOversized: (listener) => oversizedListeners.add(listener),
    reconnectNow() {
      // Only while waiting to retry: a connection under way or live is left alone.
      if (stopped || !started || retryTimer === null) return;
      // A refused sign-in is not a service that came back: its own slow retry protects the account.
      if (current.state === 'failed' && current.reason === 'auth') return;
      clearTimer(retryTimer);
      retryTimer = null;
      // Finesse says it is back: the next failure counts from one again.
      failures = 0;
      connect();
    },
  };
}

/**
 * The default connection: SASL PLAIN only, as the Finesse guide documents for third-party
 * clients (Strophe would pick SCRAM first when the server offers it).
 */
export function createStropheConnection(
  url: string,
  onOversized?: (chars: number) => void,
): InstanceType<typeof Strophe.Connection> {
  const connection = new Strophe.Connection(url, { mechanisms: [Strophe.SASLPlain] });
  if (onOversized) refuseOversizedFrames(connection, onOversized);
  return connection;
}

/**
 * Drops a WebSocket frame over STANZA_LIMIT before Strophe parses it. Strophe 5's WebSocket
 * transport reads each frame in `_onMessage` (looked up at each message: `socket.onmessage = (m)
 * => this._onMessage(m)`), so wrapping it on this connection's transport is enough. Not a public
 * API: if a Strophe version moves it, nothing is wrapped and every frame is parsed as before.
 */
function refuseOversizedFrames(
  connection: InstanceType<typeof Strophe.Connection>,
  onOversized: (chars: number) => void,
): void {
  const transport = (connection as unknown as { _proto?: Record<string, unknown> })._proto;
  const original = transport?._onMessage;
  if (!transport || typeof original !== 'function') return;
  transport._onMessage = (message: MessageEvent) => {
    if (typeof message.data === 'string' && message.data.length > STANZA_LIMIT) {
      onOversized(message.data.length);
      return;
    }
    (original as (m: MessageEvent) => void).call(transport, message);
  };
}

function endingOf(s: Session, condition: string | null): Ending {
  if (condition === Strophe.ErrorCondition.NO_AUTH_MECH) return 'auth';
  if (condition === Strophe.ErrorCondition.CONFLICT) return 'conflict';
  return s.connected ? 'dropped' : 'unreachable';
}

/** The resource to bind: the caller's, or a random one per client. */
export function checkedResource(resource: string | undefined): string {
  if (resource === undefined) return `gadget-${randomHex(4)}`;
  if (resource.trim() === '') throw new RangeError('The XMPP resource must not be empty.');
  // Compared without case: no server's resource rules are worth the agent's desktop session.
  if (resource.trim().toLowerCase() === RESERVED_RESOURCE) {
    throw new RangeError(
      "The XMPP resource 'desktop' is reserved: using it disconnects the agent's own Finesse desktop.",
    );
  }
  return resource;
}

function randomHex(bytes: number): string {
  const values = crypto.getRandomValues(new Uint8Array(bytes));
  return Array.from(values, (b) => b.toString(16).padStart(2, '0')).join('');
}

function positive(value: number, name: string): number {
  if (!(Number.isFinite(value) && value > 0))
    throw new RangeError(`${name} must be > 0, got ${value}`);
  return value;
}

function closeQuietly(conn: XmppConnection): void {
  try {
    conn.disconnect();
  } catch {
    // Already closed or never opened: nothing left to close.
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
