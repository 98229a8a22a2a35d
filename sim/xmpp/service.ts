// The simulated Finesse Notification Service: XMPP over WebSocket (RFC 7395) at /ws/ on the
// simulator's own origin, as Finesse's Openfire serves browser pages. Only what Finesse uses:
// session (SASL PLAIN, bind), presence, roster (empty) and XEP-0060 pubsub events.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomBytes, randomUUID } from 'node:crypto';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { findUser, type User } from '../model.ts';
import type { Simulator } from '../simulator.ts';
import { systemInfoFor } from '../finesseApi.ts';
import type { NodeName, NodeState } from '../pair.ts';
import { SYSTEM_INFO_NODE, updateXml, xmppDomainOf } from '../xml.ts';
import {
  bareJid,
  maySubscribe,
  normaliseJid,
  SubscriptionStore,
  USER_NODE,
  type Subscription,
} from './pubsub.ts';
import {
  CLOSE_FRAME,
  FrameError,
  NS,
  children,
  el,
  firstChild,
  parseFrame,
  stanzaError,
  streamError,
  text,
  textOf,
} from './xml.ts';

/** The paths the service answers upgrades on (Finesse: `wss://<fqdn>:8445/ws/`). */
export const XMPP_PATHS = ['/ws/', '/ws'];

/** How long a server-side close waits for the client's closing handshake before cutting. */
const CLOSE_GRACE_MS = 100;
const MAX_FRAME_BYTES = 256 * 1024;

type Stage =
  /** Waiting for the first `<open/>`. */
  | 'open'
  /** Stream open, not authenticated: only SASL. */
  | 'sasl'
  /** SASL succeeded: waiting for the client to restart the stream with a new `<open/>`. */
  | 'restart'
  /** Authenticated stream: only resource binding. */
  | 'bind'
  /** Bound: stanzas flow. */
  | 'ready'
  | 'ended';

interface Session {
  socket: WebSocket;
  since: string;
  stage: Stage;
  streamId: string;
  /** The authenticated user's loginId. */
  loginId: string | null;
  /** The full JID once bound. */
  jid: string | null;
  /** Sent initial presence (and not unavailable since). */
  available: boolean;
  /** An `<auth/>` without initial response: the credentials come in a `<response/>`. */
  saslPending: boolean;
  closeTimer: ReturnType<typeof setTimeout> | null;
  /** The upgrade request's Host header: SystemInfo Updates name the nodes on that host. */
  host: string | undefined;
}

export interface XmppFaults {
  /** Authentications still to refuse; Infinity: all of them. */
  refuseAuth: number;
  /** Delay before every event is delivered. */
  delayMs: number;
  /** Upgrades answered HTTP 503. */
  down: boolean;
}

const noFaults = (): XmppFaults => ({ refuseAuth: 0, delayMs: 0, down: false });

export class XmppService {
  /** The node's own domain (`finesse-a.sim.example` on node `a`, as SystemInfo reports it). */
  readonly domain: string;
  readonly pubsubDomain: string;
  /** Which node of the pair this service belongs to. */
  readonly node: NodeName;
  faults: XmppFaults = noFaults();
  readonly subscriptions = new SubscriptionStore();
  private readonly sessions = new Set<Session>();
  /** Simulator nodes this service listens to (user nodes of signed-in users, subscribed nodes). */
  private readonly feeds = new Map<string, () => void>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly wss = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    perMessageDeflate: false,
    maxPayload: MAX_FRAME_BYTES,
    handleProtocols: (protocols) => (protocols.has('xmpp') ? 'xmpp' : false),
  });
  private closed = false;
  private readonly unhook: (() => void)[] = [];

  constructor(
    private readonly sim: Simulator,
    options: { node?: NodeName } = {},
  ) {
    this.node = options.node ?? 'a';
    this.domain = xmppDomainOf(this.node);
    this.pubsubDomain = `pubsub.${this.domain}`;
    this.unhook.push(
      sim.nodes.onNodeChange((after, before) => {
        if (after.name === this.node) this.onNodeChange(after, before);
      }),
      sim.nodes.registerService(this),
    );
  }

  /** This node's state (node `a` always exists; a service for `b` exists only in a pair). */
  private get nodeState(): NodeState | undefined {
    return this.sim.nodes.get(this.node);
  }

  /** Down: by `/sim/xmpp/down`, or the node's Notification Service down (`/sim/nodes`). */
  get isDown(): boolean {
    return this.faults.down || this.nodeState?.notification === 'down';
  }

  /**
   * What a node's change does to its Notification Service (failover.md "How a client learns
   * of a failure"): the Notification Service down or the node gone cuts every session; a
   * status change is a SystemInfo Update to every bound session; Tomcat down or up changes the
   * `finesse` user's presence (XMPP stays up).
   */
  private onNodeChange(after: NodeState, before: NodeState): void {
    if (this.closed) return;
    if (
      (after.notification === 'down' && before.notification !== 'down') ||
      (!after.reachable && before.reachable)
    ) {
      this.drop();
    }
    if (after.status !== before.status || after.statusReason !== before.statusReason) {
      this.deliverSystemInfo();
    }
    if (after.tomcat !== before.tomcat && this.sim.nodes.config.finessePresence) {
      for (const session of this.sessions) {
        if (session.stage === 'ready') this.sendFinessePresence(session);
      }
    }
  }

  /**
   * The `finesse` user's presence (`finesse@<domain>/finesse`): available while the node's
   * Tomcat is up, unavailable while it is down (failover.md table: "Finesse Tomcat goes down:
   * the finesse user's presence becomes UNAVAILABLE (XMPP still up)"). Decision: sent to every
   * bound session when Tomcat changes, and to a session right after its initial presence (as
   * a roster contact's would be), only while the pair's `finessePresence` switch is on;
   * whether a third-party client gets it at all is unknown (failover.md), so off sends none.
   */
  private sendFinessePresence(session: Session): void {
    const down = this.nodeState?.tomcat === 'down';
    this.send(
      session,
      presenceXml(
        `finesse@${this.domain}/finesse`,
        session.jid ?? '',
        down ? 'unavailable' : undefined,
      ),
    );
  }

  // ---- HTTP upgrade -------------------------------------------------------------------

  /**
   * Listens for WebSocket upgrades on `server`. `others: 'reject'` answers upgrades on other
   * paths with 404 (a server of our own); `'ignore'` leaves them to other listeners (Vite's
   * HMR socket shares the dev server).
   */
  attach(server: Server, others: 'reject' | 'ignore'): () => void {
    const listener = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (this.handleUpgrade(req, socket, head)) return;
      if (others === 'reject') refuseUpgrade(socket, 404, 'Not Found');
    };
    server.on('upgrade', listener);
    const onClose = () => void this.close();
    server.once('close', onClose);
    return () => {
      server.off('upgrade', listener);
      server.off('close', onClose);
    };
  }

  /** True when the request was for the service (answered or refused), false to leave it. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const pathname = new URL(req.url ?? '/', 'http://sim.invalid').pathname;
    if (!XMPP_PATHS.includes(pathname)) return false;
    // Already cut (the node is unreachable: `nodeGate.ts`).
    if (socket.destroyed) return true;
    if (this.closed || this.isDown) {
      refuseUpgrade(socket, 503, 'Service Unavailable');
      return true;
    }
    // RFC 7395 §3.2: the client asks for the `xmpp` subprotocol; without it there is no XMPP.
    const offered = String(req.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((p) => p.trim());
    if (!offered.includes('xmpp')) {
      refuseUpgrade(socket, 400, 'Bad Request', 'The xmpp subprotocol is required\n');
      return true;
    }
    const host = req.headers.host;
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, host));
    return true;
  }

  private accept(socket: WebSocket, host: string | undefined): void {
    if (this.closed) {
      socket.terminate();
      return;
    }
    const session: Session = {
      socket,
      since: new Date().toISOString(),
      stage: 'open',
      streamId: '',
      loginId: null,
      jid: null,
      available: false,
      saslPending: false,
      closeTimer: null,
      host,
    };
    this.sessions.add(session);
    socket.on('message', (data, isBinary) => this.onFrame(session, data, isBinary));
    socket.on('close', () => {
      if (session.closeTimer) clearTimeout(session.closeTimer);
      this.forget(session);
    });
    socket.on('error', () => {
      // 'close' follows; nothing to tell anyone.
    });
  }

  // ---- frames -------------------------------------------------------------------------

  private onFrame(session: Session, data: RawData, isBinary: boolean): void {
    if (session.stage === 'ended') return;
    if (isBinary) {
      // RFC 7395 §3.2: XMPP goes in text frames.
      this.endStream(session, 'unsupported-encoding');
      return;
    }
    let frame: Element;
    try {
      frame = parseFrame(rawText(data));
    } catch (err) {
      this.endStream(session, err instanceof FrameError ? err.condition : 'not-well-formed');
      return;
    }
    const name = frame.localName;
    const ns = frame.namespaceURI;
    if (ns === NS.FRAMING && name === 'open') return this.onOpen(session, frame);
    if (ns === NS.FRAMING && name === 'close') return this.onClientClose(session);
    switch (session.stage) {
      case 'open':
      case 'restart':
        // Anything but <open/> where a stream (re)start is due.
        return this.endStream(session, 'not-authorized');
      case 'sasl':
        if (ns === NS.SASL) return this.onSasl(session, frame);
        return this.endStream(session, 'not-authorized');
      case 'bind':
      case 'ready':
        if (ns === NS.CLIENT || ns === null) {
          if (name === 'iq') return this.onIq(session, frame);
          if (name === 'presence') return this.onPresence(session, frame);
          // Decision: messages between users are not routed (Finesse uses none); dropped.
          if (name === 'message') return;
        }
        return this.endStream(session, 'unsupported-stanza-type');
    }
  }

  private send(session: Session, frame: string): void {
    if (session.stage === 'ended') return;
    try {
      session.socket.send(frame);
    } catch {
      // A socket closing under us: its 'close' cleans up.
    }
  }

  private onOpen(session: Session, open: Element): void {
    if (session.stage !== 'open' && session.stage !== 'restart') {
      return this.endStream(session, 'bad-format');
    }
    session.streamId = randomBytes(8).toString('hex');
    // RFC 6120 §4.9.1.3: the header is answered before a stream error, even on a bad header.
    this.send(
      session,
      el('open', {
        xmlns: NS.FRAMING,
        from: this.domain,
        id: session.streamId,
        version: '1.0',
        'xml:lang': 'en',
      }),
    );
    if (open.getAttribute('version') !== '1.0') {
      return this.endStream(session, 'unsupported-version');
    }
    const to = open.getAttribute('to');
    // Decision: a missing `to` means this domain (RFC 6120 lets the server pick its default).
    if (to !== null && to.toLowerCase() !== this.domain) {
      return this.endStream(session, 'host-unknown');
    }
    const features =
      session.stage === 'open'
        ? el('mechanisms', { xmlns: NS.SASL }, el('mechanism', {}, 'PLAIN'))
        : el('bind', { xmlns: NS.BIND }) + el('session', { xmlns: NS.SESSION }, el('optional'));
    session.stage = session.stage === 'open' ? 'sasl' : 'bind';
    this.send(session, el('stream:features', { 'xmlns:stream': NS.STREAM }, features));
  }

  private onClientClose(session: Session): void {
    this.send(session, CLOSE_FRAME);
    this.endSocket(session);
  }

  /** Server-side end of the stream: optional stream error, `<close/>`, then the socket. */
  private endStream(session: Session, condition?: string, description?: string): void {
    if (session.stage === 'ended') return;
    if (condition) this.send(session, streamError(condition, description));
    this.send(session, CLOSE_FRAME);
    this.endSocket(session);
  }

  private endSocket(session: Session): void {
    this.forget(session);
    session.socket.close(1000);
    // The client should answer the closing handshake; if it does not, cut the socket.
    session.closeTimer = setTimeout(() => session.socket.terminate(), CLOSE_GRACE_MS);
  }

  /** The session leaves the service (idempotent): no more frames, events, or listings. */
  private forget(session: Session): void {
    if (session.stage === 'ended') return;
    const wasAvailable = session.available && session.jid !== null;
    session.stage = 'ended';
    session.available = false;
    this.sessions.delete(session);
    // Its other available resources learn it left (not when the whole service is closing).
    if (wasAvailable && session.jid !== null && !this.closed) {
      for (const other of this.resourcesOf(session.loginId)) {
        if (other.available) {
          this.send(other, presenceXml(session.jid, other.jid ?? '', 'unavailable'));
        }
      }
    }
  }

  // ---- SASL ---------------------------------------------------------------------------

  private onSasl(session: Session, frame: Element): void {
    const failure = (condition: string) => {
      session.saslPending = false;
      this.send(session, el('failure', { xmlns: NS.SASL }, el(condition)));
    };
    switch (frame.localName) {
      case 'auth': {
        if (frame.getAttribute('mechanism') !== 'PLAIN') return failure('invalid-mechanism');
        const payload = textOf(frame).trim();
        if (payload === '') {
          // No initial response: an empty challenge asks for it (RFC 6120 §6.4.2).
          session.saslPending = true;
          this.send(session, el('challenge', { xmlns: NS.SASL }));
          return;
        }
        return this.checkPlain(session, payload === '=' ? '' : payload, failure);
      }
      case 'response':
        if (!session.saslPending) return failure('malformed-request');
        session.saslPending = false;
        return this.checkPlain(session, textOf(frame).trim(), failure);
      case 'abort':
        return failure('aborted');
      default:
        return this.endStream(session, 'unsupported-stanza-type');
    }
  }

  /**
   * SASL PLAIN (RFC 4616): `authzid NUL authcid NUL password`. The authcid is the loginId or
   * the loginName; the password is the user's password or, for SSO users, the current SSO
   * token (a grant's current access token, or the desktop double's static one). Decision:
   * Cisco does not say how a third-party client signs in to XMPP with SSO; the token as the
   * PLAIN password is what this simulator offers. The same functions as /finesse/api decide
   * (`Simulator.passwordOwner`, `bearerOwner`: the auth mode applies), read now, so a renewed
   * token works at once.
   */
  private checkPlain(session: Session, base64: string, failure: (condition: string) => void) {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length % 4 !== 0) {
      return failure('incorrect-encoding');
    }
    const parts = Buffer.from(base64, 'base64').toString('utf8').split('\0');
    if (parts.length !== 3) return failure('malformed-request');
    const [authzid = '', authcid = '', password = ''] = parts;
    if (this.faults.refuseAuth > 0) {
      this.faults.refuseAuth -= 1;
      return failure('not-authorized');
    }
    const user = findUser(this.sim.model, authcid);
    if (
      !user ||
      (this.sim.passwordOwner(authcid, password) !== user &&
        this.sim.bearerOwner(password) !== user)
    ) {
      return failure('not-authorized');
    }
    if (authzid !== '' && !this.authorises(user, authcid, authzid)) {
      return failure('invalid-authzid');
    }
    session.loginId = user.loginId;
    session.stage = 'restart';
    this.send(session, el('success', { xmlns: NS.SASL }));
  }

  /** An authzid is accepted only when it names the authenticated user. */
  private authorises(user: User, authcid: string, authzid: string): boolean {
    const bare = bareJid(authzid).toLowerCase();
    return [user.loginId, user.loginName, authcid].some(
      (local) => `${local}@${this.domain}`.toLowerCase() === bare,
    );
  }

  // ---- iq -----------------------------------------------------------------------------

  private onIq(session: Session, iq: Element): void {
    const type = iq.getAttribute('type') ?? '';
    const id = iq.getAttribute('id') ?? '';
    if (type === 'result' || type === 'error') return; // we never ask clients anything
    const payloads = children(iq);
    const payload = payloads[0];
    const to = iq.getAttribute('to');
    const reply = (kind: 'result' | 'error', content = '') =>
      this.send(
        session,
        el(
          'iq',
          {
            xmlns: NS.CLIENT,
            type: kind,
            id,
            from: to ?? undefined,
            to: session.jid ?? undefined,
          },
          content,
        ),
      );
    const error = (type: Parameters<typeof stanzaError>[0], condition: string, app = '') =>
      reply('error', stanzaError(type, condition, app));

    if (id === '' || (type !== 'get' && type !== 'set') || payloads.length !== 1 || !payload) {
      return error('modify', 'bad-request');
    }
    if (session.stage === 'bind') {
      // Before a resource is bound only binding is processed (RFC 6120 §7.1).
      if (type === 'set' && payload.namespaceURI === NS.BIND && payload.localName === 'bind') {
        return this.bind(session, payload, reply, error);
      }
      return this.endStream(session, 'not-authorized');
    }
    const target = to === null ? null : normaliseJid(to);
    const own =
      session.jid !== null &&
      (target === normaliseJid(bareJid(session.jid)) || target === normaliseJid(session.jid));
    const key = `${type} ${payload.namespaceURI ?? ''} ${payload.localName}`;

    if (target === null || target === this.domain || own) {
      switch (key) {
        case `set ${NS.BIND} bind`:
          // One resource per stream.
          return error('cancel', 'not-allowed');
        case `set ${NS.SESSION} session`:
        case `get ${NS.PING} ping`:
          return reply('result');
        case `get ${NS.ROSTER} query`:
          // Finesse users have no roster contacts.
          return reply('result', el('query', { xmlns: NS.ROSTER }));
        case `get ${NS.DISCO_INFO} query`:
          if (target !== this.domain) break;
          return reply(
            'result',
            el(
              'query',
              { xmlns: NS.DISCO_INFO },
              el('identity', { category: 'server', type: 'im', name: 'Simulated Finesse' }) +
                [NS.DISCO_INFO, NS.PING, NS.ROSTER, NS.SESSION]
                  .map((v) => el('feature', { var: v }))
                  .join(''),
            ),
          );
      }
      return error('cancel', 'service-unavailable');
    }
    if (target === this.pubsubDomain) {
      if (key === `get ${NS.PING} ping`) return reply('result');
      if (key === `get ${NS.DISCO_INFO} query`) {
        return reply(
          'result',
          el(
            'query',
            { xmlns: NS.DISCO_INFO },
            el('identity', { category: 'pubsub', type: 'service', name: 'Finesse notifications' }) +
              [
                NS.DISCO_INFO,
                NS.PUBSUB,
                `${NS.PUBSUB}#subscribe`,
                `${NS.PUBSUB}#retrieve-subscriptions`,
              ]
                .map((v) => el('feature', { var: v }))
                .join(''),
          ),
        );
      }
      if (payload.namespaceURI === NS.PUBSUB && payload.localName === 'pubsub') {
        return this.pubsub(session, type, payload, reply, error);
      }
      return error('cancel', 'service-unavailable');
    }
    // Decision: no routing to other users or servers.
    return error('cancel', 'service-unavailable');
  }

  /**
   * Resource binding. The client's resource is kept (one is generated when absent). A second
   * stream binding the same full JID replaces the first, which gets `<conflict/>`, as XMPP
   * servers do. On Finesse the resource `desktop` is reserved for the agent's own desktop:
   * another client binding it signs the desktop out of notifications the same way.
   */
  private bind(
    session: Session,
    bind: Element,
    reply: (kind: 'result', content?: string) => void,
    error: (type: 'modify', condition: string) => void,
  ): void {
    const loginId = session.loginId;
    if (loginId === null) return this.endStream(session, 'not-authorized');
    const element = firstChild(bind, 'resource', NS.BIND) ?? firstChild(bind, 'resource');
    const asked = element ? textOf(element).trim() : '';
    // eslint-disable-next-line no-control-regex -- control characters are what is refused
    if (Buffer.byteLength(asked) > 1023 || /[\u0000-\u001f\u007f]/.test(asked)) {
      return error('modify', 'bad-request');
    }
    const resource = asked === '' ? `sim-${randomBytes(6).toString('hex')}` : asked;
    const jid = `${loginId}@${this.domain}/${resource}`;
    for (const other of [...this.sessions]) {
      if (
        other !== session &&
        other.jid !== null &&
        normaliseJid(other.jid) === normaliseJid(jid)
      ) {
        this.endStream(other, 'conflict', 'Replaced by new connection');
      }
    }
    session.jid = jid;
    session.stage = 'ready';
    this.listen(`/finesse/api/User/${loginId}`);
    reply('result', el('bind', { xmlns: NS.BIND }, el('jid', {}, text(jid))));
  }

  // ---- pubsub -------------------------------------------------------------------------

  private pubsub(
    session: Session,
    type: string,
    pubsub: Element,
    reply: (kind: 'result', content?: string) => void,
    error: (type: 'auth' | 'cancel' | 'modify', condition: string, app?: string) => void,
  ): void {
    const jid = session.jid ?? '';
    const bare = bareJid(jid);
    const user = session.loginId === null ? undefined : this.sim.model.users.get(session.loginId);
    const request = children(pubsub)[0];
    if (!request || !user) return error('modify', 'bad-request');
    const pubsubError = (condition: string) => el(condition, { xmlns: NS.PUBSUB_ERRORS });
    const action = `${type} ${request.localName}`;
    const node = request.getAttribute('node') ?? '';
    const asked = request.getAttribute('jid') ?? '';

    if (action === 'set subscribe' || action === 'set unsubscribe') {
      if (node === '') return error('modify', 'bad-request', pubsubError('nodeid-required'));
      // XEP-0060 §6.1.3.1: the JID is the requester's bare or full JID.
      if (asked === '' || normaliseJid(bareJid(asked)) !== normaliseJid(bare)) {
        return action === 'set subscribe' || asked === ''
          ? error('modify', 'bad-request', pubsubError('invalid-jid'))
          : error('auth', 'forbidden');
      }
    }
    switch (action) {
      case 'set subscribe': {
        const allowed = maySubscribe(this.sim.model, user, node);
        if (!allowed.ok) {
          return allowed.condition === 'forbidden'
            ? error('auth', 'forbidden')
            : error('cancel', 'item-not-found');
        }
        const subscription = this.subscriptions.subscribe(node, asked);
        this.listen(node);
        return reply('result', el('pubsub', { xmlns: NS.PUBSUB }, subscriptionXml(subscription)));
      }
      case 'set unsubscribe': {
        const subid = request.getAttribute('subid') ?? undefined;
        const outcome = this.subscriptions.unsubscribe(node, asked, subid);
        if (outcome === 'not-subscribed') {
          return error('cancel', 'unexpected-request', pubsubError('not-subscribed'));
        }
        if (outcome === 'bad-subid') {
          return error('modify', 'not-acceptable', pubsubError('invalid-subid'));
        }
        return reply('result');
      }
      case 'get subscriptions': {
        const list = this.subscriptions.ofAccount(bare, node === '' ? undefined : node);
        return reply(
          'result',
          el(
            'pubsub',
            { xmlns: NS.PUBSUB },
            el('subscriptions', node === '' ? {} : { node }, list.map(subscriptionXml).join('')),
          ),
        );
      }
      case 'set publish':
        // Only Finesse publishes.
        return error('auth', 'forbidden');
      default:
        return error(
          'cancel',
          'feature-not-implemented',
          el('unsupported', { xmlns: NS.PUBSUB_ERRORS, feature: request.localName }),
        );
    }
  }

  /** Listens to a simulator node (once; until the service closes). */
  private listen(node: string): void {
    if (this.closed || this.feeds.has(node)) return;
    this.feeds.set(
      node,
      this.sim.subscribe(node, (update) => this.deliver(node, update)),
    );
  }

  /**
   * One Update published on a node → one event message per receiving session, each at most
   * once: the user's own sessions for their user node (automatic subscription: every bound
   * resource), plus each subscription's bare JID (every bound resource) or full JID.
   */
  private deliver(node: string, update: string): void {
    const targets = new Set<Session>();
    const own = USER_NODE.exec(node);
    if (own) for (const s of this.resourcesOf(decodeURIComponent(own[1] ?? ''))) targets.add(s);
    for (const subscription of this.subscriptions.onNode(node)) {
      const key = normaliseJid(subscription.jid);
      const full = subscription.jid.includes('/');
      for (const s of this.sessions) {
        if (s.stage !== 'ready' || s.jid === null) continue;
        if (full ? normaliseJid(s.jid) === key : normaliseJid(bareJid(s.jid)) === key) {
          targets.add(s);
        }
      }
    }
    if (targets.size === 0) return;
    this.sendEvent(targets, node, () => update);
  }

  /**
   * A SystemInfo Update (the whole SystemInfo as GET answers it on this node, to the host the
   * session used) to every bound session: the SystemInfo node's automatic subscription.
   */
  private deliverSystemInfo(): void {
    const targets = new Set([...this.sessions].filter((s) => s.stage === 'ready' && s.jid));
    if (targets.size === 0) return;
    this.sendEvent(targets, SYSTEM_INFO_NODE, (session) =>
      updateXml(SYSTEM_INFO_NODE, '', systemInfoFor(this.sim, this.node, session.host)),
    );
  }

  /** One event message per session (its Update from `updateFor`), after the delay fault. */
  private sendEvent(
    targets: Set<Session>,
    node: string,
    updateFor: (session: Session) => string,
  ): void {
    const itemId = randomUUID();
    const payloadFor = (session: Session) =>
      el(
        'event',
        { xmlns: NS.PUBSUB_EVENT },
        el(
          'items',
          { node },
          el(
            'item',
            { id: itemId },
            // Finesse's shape: the Update document as escaped text.
            el('notification', { xmlns: NS.PUBSUB }, text(updateFor(session))),
          ),
        ),
      );
    const sendAll = () => {
      for (const session of targets) {
        this.send(
          session,
          el(
            'message',
            { xmlns: NS.CLIENT, from: this.pubsubDomain, to: session.jid ?? '', id: randomUUID() },
            payloadFor(session),
          ),
        );
      }
    };
    const delayMs = this.faults.delayMs;
    if (delayMs <= 0) {
      sendAll();
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      sendAll();
    }, delayMs);
    this.timers.add(timer);
  }

  // ---- presence -----------------------------------------------------------------------

  /**
   * Initial presence makes the resource available: it is sent to the user's available
   * resources (itself included) and learns theirs (RFC 6121 §4.2). Decision: presence to
   * other users is dropped (no roster subscriptions here), and events do not wait for
   * presence: a bound resource receives them.
   */
  private onPresence(session: Session, presence: Element): void {
    const type = presence.getAttribute('type');
    const to = presence.getAttribute('to');
    const jid = session.jid;
    if (jid === null) return;
    if (to !== null && normaliseJid(bareJid(to)) !== normaliseJid(bareJid(jid))) return;
    if (type !== null && type !== 'unavailable') return;
    const extra = ['show', 'status', 'priority']
      .flatMap((name) => children(presence, name))
      .map((child) => el(child.localName ?? '', {}, text(textOf(child))))
      .join('');
    const peers = this.resourcesOf(session.loginId).filter((s) => s !== session && s.available);
    if (type === 'unavailable') {
      if (!session.available) return;
      session.available = false;
      for (const peer of [session, ...peers]) {
        this.send(peer, presenceXml(jid, peer.jid ?? '', 'unavailable'));
      }
      return;
    }
    const first = !session.available;
    session.available = true;
    for (const peer of [session, ...peers]) {
      this.send(peer, presenceXml(jid, peer.jid ?? '', undefined, extra));
    }
    if (first) for (const peer of peers) this.send(session, presenceXml(peer.jid ?? '', jid));
    if (first && this.sim.nodes.config.finessePresence) this.sendFinessePresence(session);
  }

  private resourcesOf(loginId: string | null): Session[] {
    if (loginId === null) return [];
    return [...this.sessions].filter(
      (s) => s.stage === 'ready' && s.loginId === loginId && s.jid !== null,
    );
  }

  // ---- control ------------------------------------------------------------------------

  /** Cuts connections without closing the stream (the network or the server gone). */
  drop(user?: string): number {
    const loginId =
      user === undefined ? undefined : (findUser(this.sim.model, user)?.loginId ?? user);
    let dropped = 0;
    for (const session of [...this.sessions]) {
      if (loginId !== undefined && session.loginId !== loginId) continue;
      this.forget(session);
      session.socket.terminate();
      dropped += 1;
    }
    return dropped;
  }

  /** Down: upgrades get HTTP 503, and (decision) open connections are cut as by `drop`. */
  setDown(down: boolean): void {
    this.faults.down = down;
    if (down) this.drop();
  }

  /** Faults back to none (for `/sim/reset`); connections and subscriptions stay. */
  resetFaults(): void {
    this.faults = noFaults();
  }

  snapshot() {
    return {
      node: this.node,
      domain: this.domain,
      pubsubDomain: this.pubsubDomain,
      paths: XMPP_PATHS,
      faults: {
        down: this.isDown,
        refuseAuth: this.faults.refuseAuth === Infinity ? true : this.faults.refuseAuth,
        delayMs: this.faults.delayMs,
      },
      connections: [...this.sessions].map((s) => ({
        jid: s.jid,
        user: s.loginId,
        since: s.since,
        stage: s.stage,
        available: s.available,
      })),
      subscriptions: this.subscriptions.all().map((s) => ({ ...s })),
    };
  }

  /**
   * Ends every stream (`<system-shutdown/>`, as a server stopping does) and stops listening.
   * Resolves once every socket is closed; clients that do not answer the close are cut after
   * a short grace.
   */
  close(): Promise<void> {
    this.closed = true;
    for (const unhook of this.unhook.splice(0)) unhook();
    for (const unsubscribe of this.feeds.values()) unsubscribe();
    this.feeds.clear();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const sockets = [...this.sessions].map((s) => s.socket);
    for (const session of [...this.sessions]) this.endStream(session, 'system-shutdown');
    return Promise.all(
      sockets.map(
        (socket) =>
          new Promise<void>((resolve) => {
            if (socket.readyState === socket.CLOSED) resolve();
            else socket.once('close', () => resolve());
          }),
      ),
    ).then(() => undefined);
  }
}

function subscriptionXml(s: Subscription): string {
  return el('subscription', {
    node: s.node,
    jid: s.jid,
    subid: s.subid,
    subscription: 'subscribed',
  });
}

function presenceXml(from: string, to: string, type?: string, content = ''): string {
  return el('presence', { xmlns: NS.CLIENT, from, to, type }, content);
}

function rawText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

/** An HTTP answer on a socket that asked to upgrade, then the end of it. */
function refuseUpgrade(socket: Duplex, status: number, reason: string, body = `${reason}\n`) {
  socket.on('error', () => {});
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\n\r\n${body}`,
  );
}
