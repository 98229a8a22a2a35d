// Live Finesse notifications for the browser tab: one XMPP connection (strophe.js) that subscribes, delivers Updates and reconnects.
import { Strophe } from 'strophe.js';
import {
  DEFAULT_BACKOFF,
  backoffDelay,
  slowRetryDelay,
  validBackoff,
  type Backoff,
} from './backoff.ts';
import { notificationsOf } from './payload.ts';
import {
  availablePresence,
  errorCondition,
  pingIq,
  sameJid,
  subscribeIq,
  subscriptionsIn,
  subscriptionsIq,
  unsubscribeIq,
} from './pubsub.ts';

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
}

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

/** An iq that was answered with an error (condition set), or not answered in time (timedOut). */
export class IqError extends Error {
  constructor(
    readonly condition: string | null,
    readonly timedOut: boolean,
  ) {
    super(timedOut ? 'no answer in time' : `refused: ${condition ?? 'unknown condition'}`);
    this.name = 'IqError';
  }
}

type Ending = 'auth' | 'unreachable' | 'dropped' | 'conflict';

interface Registration {
  onPayload: (payload: string) => void;
  explicit: boolean;
  onRefused: ((condition: string | null) => void) | undefined;
  onSubscribed: (() => void) | undefined;
  /** The connection on which onSubscribed was last called. */
  announcedOn: object | null;
}

/** What one connection knows of its subscription to one node. */
interface NodeState {
  subscribed: boolean;
  subid: string | null;
  /** Refused on this connection: not asked again until the node is left and wanted anew. */
  refused: boolean;
  /** The subscribe/unsubscribe exchange in progress, if any. */
  settling: Promise<void> | null;
}

/** One connection attempt, from connect() until it ends; a reconnect is a new Session. */
interface Session {
  conn: XmppConnection;
  password: string;
  /** Strophe reported CONNECTED: authenticated and bound. */
  connected: boolean;
  /** The existing subscriptions were read: nodes can be settled one by one from here on. */
  synced: boolean;
  ended: boolean;
  /** The bound full JID. */
  jid: string;
  nodes: Map<string, NodeState>;
  pingTimer: unknown;
  /** Cancels the reply timers of unanswered iqs. */
  pending: Set<() => void>;
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
  const createConnection = options.createConnection ?? createStropheConnection;
  const service = options.pubsubService;
  // XEP-0106 escaping keeps a loginId with spaces, '@' or '/' a single local part.
  const jidToBind = `${String(Strophe.escapeNode(options.userId))}@${options.domain}/${resource}`;

  const registrations = new Map<string, Set<Registration>>();
  const statusListeners = new Set<(status: NotificationStatus) => void>();
  const reconnectedListeners = new Set<() => void>();
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
    for (const listener of [...statusListeners]) safely(() => listener(next));
  }

  function heard(): void {
    lastHeardAt = now();
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
    const s: Session = {
      conn,
      password,
      connected: false,
      synced: false,
      ended: false,
      jid: jidToBind,
      nodes: new Map(),
      pingTimer: null,
      pending: new Set(),
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

  /** Ends a session for good; anything it reports afterwards is ignored. */
  function end(s: Session, ending: Ending, detail: string | null, close = false): void {
    if (s.ended) return;
    s.ended = true;
    stopKeepAlive(s);
    for (const cancel of [...s.pending]) cancel();
    if (close) closeQuietly(s.conn);
    if (session === s) session = null;
    attemptEnded(s, ending, detail);
  }

  function attemptEnded(s: Session | null, ending: Ending, detail: string | null): void {
    if (stopped) return;
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
    // Initial presence, as Cisco's sample sends: a node with presence-based delivery
    // (XEP-0060 pubsub#presence_based_delivery) sends nothing to a subscriber that is unavailable.
    s.conn.send(availablePresence());
    try {
      await readSubscriptions(s);
      const nodes = new Set([...s.nodes.keys(), ...wantedNodes()]);
      await Promise.all([...nodes].map((node) => settle(s, node)));
    } catch (error) {
      end(s, 'dropped', `setting up subscriptions: ${messageOf(error)}`, true);
      return;
    }
    if (s.ended || stopped) return;
    authRefused = null;
    setStatus({ state: 'live' });
    keepAlive(s);
    if (everLive) for (const listener of [...reconnectedListeners]) safely(listener);
    everLive = true;
  }

  /**
   * Reads this account's subscriptions and keeps those of this connection's full JID. Stale,
   * and so removed by settle(), is a subscription of exactly this full JID to a node no listener
   * wants now: it was left by an earlier connection of this client (a node left while the
   * connection was down, a crash or an unload that could not unsubscribe), and subscriptions
   * persist on the node. A second subscription of this JID to a wanted node (XEP-0060 lets a
   * service keep several, each with its own subid) is stale too: it would deliver every Update twice.
   * Subscriptions of the bare JID or of other resources are never touched: Finesse's automatic
   * subscriptions, the agent's desktop and the user's other tabs hold those, and we cannot tell
   * a live holder from a gone one.
   */
  async function readSubscriptions(s: Session): Promise<void> {
    let listed: ReturnType<typeof subscriptionsIn> = [];
    try {
      listed = subscriptionsIn(await request(s, subscriptionsIq(service)));
    } catch (error) {
      // A service that cannot list (an error answer) still lets us subscribe; silence is a drop.
      if (!(error instanceof IqError) || error.timedOut) throw error;
    }
    const duplicates: typeof listed = [];
    for (const listing of listed) {
      if (!sameJid(listing.jid, s.jid) || listing.subscription === 'none') continue;
      const state = nodeState(s, listing.node);
      if (state.subscribed) {
        duplicates.push(listing);
      } else {
        state.subscribed = true;
        state.subid = listing.subid;
      }
    }
    s.synced = true;
    await Promise.all(
      duplicates
        .filter((d) => d.subid !== null)
        .map((d) =>
          request(s, unsubscribeIq(service, d.node, d.jid, d.subid)).catch(ignoreRefusal),
        ),
    );
  }

  function nodeState(s: Session, node: string): NodeState {
    let state = s.nodes.get(node);
    if (!state) {
      state = { subscribed: false, subid: null, refused: false, settling: null };
      s.nodes.set(node, state);
    }
    return state;
  }

  function isWanted(node: string): boolean {
    if (stopped) return false;
    for (const registration of registrations.get(node) ?? []) {
      if (registration.explicit) return true;
    }
    return false;
  }

  function wantedNodes(): string[] {
    return [...registrations.keys()].filter(isWanted);
  }

  /**
   * Brings one node's subscription on this connection in line with what the listeners want,
   * one exchange at a time; wants that change meanwhile are picked up by the loop. Rejects
   * (the connection is then treated as dropped) only when the server does not answer.
   */
  function settle(s: Session, node: string): Promise<void> {
    const state = nodeState(s, node);
    if (state.settling) return state.settling;
    const run = async (): Promise<void> => {
      for (;;) {
        if (s.ended) return;
        const wanted = isWanted(node);
        if (!wanted) state.refused = false;
        if (wanted && !state.subscribed && !state.refused) {
          try {
            // The full JID: Updates for this subscription go to this tab only, and it is this
            // tab's to remove. A bare-JID subscription would reach every resource of the user,
            // the desktop included, and outlive this tab with no owner to clean it up.
            const answer = await request(s, subscribeIq(service, node, s.jid));
            state.subscribed = true;
            state.subid = subscriptionsIn(answer)[0]?.subid ?? null;
          } catch (error) {
            if (!(error instanceof IqError) || error.timedOut) throw error;
            state.refused = true;
            refused(node, error.condition);
          }
        } else if (!wanted && state.subscribed) {
          // A refusal here (not subscribed, item-not-found) means it is gone anyway.
          await request(s, unsubscribeIq(service, node, s.jid, state.subid)).catch(ignoreRefusal);
          state.subscribed = false;
          state.subid = null;
        } else {
          if (wanted && state.subscribed) announceSubscribed(s, node);
          return;
        }
      }
    };
    state.settling = run().finally(() => {
      state.settling = null;
    });
    return state.settling;
  }

  function announceSubscribed(s: Session, node: string): void {
    for (const registration of [...(registrations.get(node) ?? [])]) {
      const onSubscribed = registration.onSubscribed;
      if (!registration.explicit || registration.announcedOn === s || !onSubscribed) continue;
      registration.announcedOn = s;
      safely(onSubscribed);
    }
  }

  function refused(node: string, condition: string | null): void {
    for (const registration of [...(registrations.get(node) ?? [])]) {
      const onRefused = registration.onRefused;
      if (registration.explicit && onRefused) safely(() => onRefused(condition));
    }
  }

  /** Sends an iq and waits for its answer, at most replyTimeoutMs. */
  function request(s: Session, stanza: Element): Promise<Element> {
    return new Promise<Element>((resolve, reject) => {
      if (s.ended) {
        reject(new IqError(null, true));
        return;
      }
      let done = false;
      const finish = (): boolean => {
        if (done) return false;
        done = true;
        clearTimer(timer);
        s.pending.delete(cancel);
        return true;
      };
      const cancel = () => {
        if (finish()) reject(new IqError(null, true));
      };
      const timer = setTimer(cancel, replyTimeoutMs);
      s.pending.add(cancel);
      try {
        s.conn.sendIQ(
          stanza,
          (answer) => {
            if (finish()) resolve(answer);
          },
          (answer) => {
            if (!finish()) return;
            reject(
              answer === null
                ? new IqError(null, true)
                : new IqError(errorCondition(answer), false),
            );
          },
        );
      } catch (error) {
        if (finish()) reject(error);
      }
    });
  }

  /**
   * Pings the domain every pingIntervalMs. The first answer marks the session as established
   * (the failure count starts over); no answer in time is a drop, caught here even when the
   * socket stays open (a proxy or a sleeping laptop).
   */
  function keepAlive(s: Session): void {
    s.pingTimer = setTimer(() => {
      s.pingTimer = null;
      request(s, pingIq(options.domain)).then(
        () => answered(s),
        (error: unknown) => {
          if (s.ended) return;
          // An error answer (feature-not-implemented…) is still an answer.
          if (error instanceof IqError && !error.timedOut) answered(s);
          else end(s, 'dropped', 'no answer to a keep-alive ping', true);
        },
      );
    }, pingIntervalMs);
  }

  function answered(s: Session): void {
    if (s.ended) return;
    failures = 0;
    keepAlive(s);
  }

  function stopKeepAlive(s: Session): void {
    if (s.pingTimer !== null) clearTimer(s.pingTimer);
    s.pingTimer = null;
  }

  function onMessage(stanza: Element): boolean {
    try {
      // Only the pubsub service speaks for Finesse: any account on the server could send this
      // user a message shaped like an Update.
      if (!sameJid(stanza.getAttribute('from') ?? '', service)) return true;
      for (const { node, payload } of notificationsOf(stanza)) deliver(node, payload);
    } catch (error) {
      reportLater(error);
    }
    return true; // keep the handler
  }

  function deliver(node: string, payload: string): void {
    if (stopped) return;
    for (const registration of [...(registrations.get(node) ?? [])]) {
      safely(() => registration.onPayload(payload));
    }
  }

  function register(node: string, registration: Registration): () => void {
    let set = registrations.get(node);
    if (!set) {
      set = new Set();
      registrations.set(node, set);
    }
    const mine = set;
    mine.add(registration);
    if (registration.explicit) wantsChanged(node);
    let left = false;
    return () => {
      if (left) return;
      left = true;
      mine.delete(registration);
      if (mine.size === 0 && registrations.get(node) === mine) registrations.delete(node);
      if (registration.explicit) wantsChanged(node);
    };
  }

  /** A node was joined or left while connected: subscribe or unsubscribe now, not at the next reconnect. */
  function wantsChanged(node: string): void {
    const s = session;
    // Before the subscriptions are read, setUp() settles every node once they are.
    if (!s || s.ended || !s.synced) return;
    settle(s, node).catch((error: unknown) => {
      end(s, 'dropped', `subscription to ${node}: ${messageOf(error)}`, true);
    });
  }

  function stop(): Promise<void> {
    if (stopDone) return stopDone;
    let closed: Promise<void> = Promise.resolve();
    const s = session;
    // Set first: from here on nothing is wanted, retried or delivered.
    stopped = true;
    if (retryTimer !== null) clearTimer(retryTimer);
    retryTimer = null;
    session = null;
    if (s && !s.ended) {
      s.ended = true;
      stopKeepAlive(s);
      for (const cancel of [...s.pending]) cancel();
      if (s.connected) {
        // Sent without waiting for answers, then the stream is closed behind them: the server
        // handles a stream's stanzas in order, and on pagehide nothing asynchronous would run.
        for (const [node, state] of s.nodes) {
          if (state.subscribed || state.settling) {
            sendQuietly(s.conn, unsubscribeIq(service, node, s.jid, state.subid));
          }
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

  return {
    start() {
      if (started || stopped) return;
      started = true;
      setStatus({ state: 'connecting' });
      connect();
    },
    stop,
    listen: (node, onPayload) =>
      register(node, {
        onPayload,
        explicit: false,
        onRefused: undefined,
        onSubscribed: undefined,
        announcedOn: null,
      }),
    subscribe: (node, onPayload, subscribeOptions) =>
      register(node, {
        onPayload,
        explicit: true,
        onRefused: subscribeOptions?.onRefused,
        onSubscribed: subscribeOptions?.onSubscribed,
        announcedOn: null,
      }),
    status: () => current,
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    onReconnected(listener) {
      reconnectedListeners.add(listener);
      return () => reconnectedListeners.delete(listener);
    },
    lastHeard: () => lastHeardAt,
  };
}

/**
 * The default connection: SASL PLAIN only, as the Finesse guide documents for third-party
 * clients (Strophe would pick SCRAM first when the server offers it).
 */
export function createStropheConnection(url: string): InstanceType<typeof Strophe.Connection> {
  return new Strophe.Connection(url, { mechanisms: [Strophe.SASLPlain] });
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

/** Sends an iq whose answer nobody waits for (sendIQ still gives it the id every iq needs). */
function sendQuietly(conn: XmppConnection, stanza: Element): void {
  try {
    conn.sendIQ(
      stanza,
      () => {},
      () => {},
    );
  } catch {
    // The socket is gone: the stale subscription is removed at the next connect instead.
  }
}

function ignoreRefusal(error: unknown): void {
  if (error instanceof IqError && !error.timedOut) return;
  throw error;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Runs a listener; a throwing listener must not stop delivery to the others or kill the handler. */
function safely(call: () => void): void {
  try {
    call();
  } catch (error) {
    reportLater(error);
  }
}

/** Rethrows outside the XMPP handler, where the page's error reporting (and the test runner) sees it. */
function reportLater(error: unknown): void {
  queueMicrotask(() => {
    throw error;
  });
}
