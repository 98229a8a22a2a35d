// The Finesse desktop as a Host: identity from the desktop's Config, credentials as the desktop's
// finesse.js hands them over, live updates and connection status from its OpenAjax hub, and its
// chrome (iframe height, title, loading indicator). Facts: finesse-10.5.1.js (CiscoSE/finesseGadgets,
// callHistoryGadget/10.5), cited by function below.
import { canonicalLocale } from '../i18n/locales.ts';
import type { Auth } from '../finesse/client.ts';
import {
  parseNotification,
  updateFromObject,
  UpdateTooLarge,
  type Notification,
  type Update,
} from '../finesse/update.ts';
import type { Chrome, ConnectionStatus, Host, Notifications, Session } from './host.ts';
import { listeners, type Listeners } from '../utils/listeners.ts';
import { topics, type DesktopGlobals, type FinesseGadgetConfig } from './openSocial.ts';

/** finesse.gadget.Config, reduced to what the gadget uses besides credentials. */
export interface DesktopConfig {
  id: string;
  /** 'SSO', 'NON_SSO' or 'HYBRID'; empty when the desktop does not say. */
  systemAuthMode: string;
  /** Finesse's form, e.g. 'en_US'. */
  locale: string;
  /** Client clock minus server clock. */
  clientDriftInMillis: number;
}

const str = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';

function toNumber(value: unknown): number {
  const n = typeof value === 'number' ? value : Number(str(value).trim() || NaN);
  return Number.isFinite(n) ? n : 0;
}

/**
 * Read fresh at each call, field by field: a `finesse.gadget.Config` in the page first (finesse.js
 * defines it from 11.5 on; in 10.x the gadget builds it itself from the prefs), then the user prefs
 * the desktop passes to every gadget (`new gadgets.Prefs().getString("id")`, …).
 */
export function readConfig(globals: DesktopGlobals): DesktopConfig {
  const config: FinesseGadgetConfig = globals.finesseConfig() ?? {};
  const prefs = new globals.gadgets.Prefs();
  const field = (name: keyof FinesseGadgetConfig) =>
    str(config[name]).trim() || prefs.getString(name).trim();
  return {
    id: field('id'),
    systemAuthMode: field('systemAuthMode'),
    locale: field('locale'),
    clientDriftInMillis: toNumber(
      str(config.clientDriftInMillis).trim() || prefs.getInt('clientDriftInMillis'),
    ),
  };
}

/** Calls a finesse.js accessor; a missing one, a throw or a non-string is "nothing there". */
function callText(fn: (() => unknown) | undefined): string {
  if (typeof fn !== 'function') return '';
  try {
    return str(fn()).trim();
  } catch {
    return '';
  }
}

type CredentialSource = { scheme: Auth['scheme']; read: () => string };

/**
 * The user's credentials, read afresh for every request (an SSO token is renewed mid-shift), from
 * the first source that has them:
 *  1. the desktop's finesse.js: `Utilities.getToken()` (SSO, finesse.js 12.x) and
 *     `Utilities.getUserAuthString()` (base64 id:password from the desktop's sessionStorage);
 *  2. `finesse.gadget.Config` (`authToken`, `authorization`);
 *  3. the prefs: finesse.js itself copies the auth string into the `authorization` pref when it
 *     loads (the last block of finesse-10.5.1.js; needs the `setprefs` feature); the desktop gives
 *     none by itself (Cisco's JavaScript-library README);
 *  4. sessionStorage `userFinesseAuth`, where getUserAuthString reads it (gadget frames share the
 *     desktop page's origin), for a desktop whose finesse.js could not be loaded.
 * `systemAuthMode` limits the schemes: SSO → Bearer only, NON_SSO → Basic only, otherwise both.
 * Null when no source has anything: the caller says so instead of sending a request bound to fail.
 */
export function readAuth(globals: DesktopGlobals): Auth | null {
  const config: FinesseGadgetConfig = globals.finesseConfig() ?? {};
  const prefs = new globals.gadgets.Prefs();
  const utilities = globals.finesseUtilities();
  const sources: CredentialSource[] = [
    { scheme: 'Bearer', read: () => callText(utilities?.getToken) },
    { scheme: 'Basic', read: () => callText(utilities?.getUserAuthString) },
    { scheme: 'Bearer', read: () => str(config.authToken).trim() },
    { scheme: 'Basic', read: () => str(config.authorization).trim() },
    { scheme: 'Bearer', read: () => prefs.getString('authToken').trim() },
    { scheme: 'Basic', read: () => prefs.getString('authorization').trim() },
    { scheme: 'Basic', read: () => (globals.sessionItem('userFinesseAuth') ?? '').trim() },
  ];
  const mode = (str(config.systemAuthMode).trim() || prefs.getString('systemAuthMode'))
    .trim()
    .toUpperCase();
  for (const source of sources) {
    if (mode === 'SSO' && source.scheme !== 'Bearer') continue;
    if (mode === 'NON_SSO' && source.scheme !== 'Basic') continue;
    const value = source.read();
    if (value === '') continue;
    return source.scheme === 'Bearer'
      ? { scheme: 'Bearer', token: value }
      : { scheme: 'Basic', credentials: value };
  }
  return null;
}

/** Finesse says 'en_US'; Intl wants 'en-US'. Anything Intl refuses falls back. */
export function intlLocale(finesseLocale: string, fallback: string): string {
  return canonicalLocale(finesseLocale) ?? fallback;
}

/** Where the desktop's notification connection stands, as a gadget ("slave" client) follows it. */
export interface ConnectionState {
  status: ConnectionStatus;
  /** Between `failing` and `recovered`: only `recovered` brings the connection back. */
  failover: boolean;
  /** The desktop has said it is connected at least once (the initial status is only assumed). */
  seenUp: boolean;
}

export const initialConnectionState: ConnectionState = {
  status: 'connected',
  failover: false,
  seenUp: false,
};

// Statuses finesse.js publishes on finesse.info.connection (finesse-10.5.1.js ClientServices
// `_STATUS`). A slave client acts only on connected, failing and recovered (`_connInfoHandler`);
// the others mean the desktop's own connection is not delivering events, so the gadget shows it
// is reconnecting rather than offer changes it could not see confirmed. (Our reading: finesse.js
// leaves those to the master.)
const DOWN = new Set([
  'connecting',
  'disconnected',
  'disconnecting',
  'reconnecting',
  'unloading',
  'conflict',
  'unauthorized',
]);

/**
 * The next connection state for a `finesse.info.connection` publication `{ status, resourceID }`,
 * with `resync` set when Finesse's state must be read again; null when nothing changes. As
 * finesse.js (`ClientServices._connInfoHandler`): `failing` enters failover mode (down), during
 * which `connected` does not count; `recovered` ends it and every object is re-read
 * (`_refreshObjects`). `connected` after a drop also re-reads once: events published while the
 * connection was down are not replayed. Unknown statuses (and an answer with no status) are
 * ignored rather than guessed: a guess could freeze the control in "Reconnecting…" for a shift.
 */
export function nextConnectionState(
  current: ConnectionState,
  data: unknown,
): (ConnectionState & { resync: boolean }) | null {
  const raw =
    typeof data === 'object' && data !== null
      ? str((data as Record<string, unknown>).status)
      : str(data);
  const status = raw.trim().toLowerCase();
  if (status === 'failing') {
    if (current.failover && current.status === 'reconnecting') return null;
    return { ...current, status: 'reconnecting', failover: true, resync: false };
  }
  if (status === 'recovered') {
    return { status: 'connected', failover: false, seenUp: true, resync: true };
  }
  if (status === 'connected') {
    if (current.failover || (current.status === 'connected' && current.seenUp)) return null;
    const resync = current.seenUp && current.status === 'reconnecting';
    return { status: 'connected', failover: false, seenUp: true, resync };
  }
  if (!DOWN.has(status) || current.status === 'reconnecting') return null;
  return { ...current, status: 'reconnecting', resync: false };
}

/**
 * The Update in a hub publication on a node's topic. The desktop publishes `{ content, object }`:
 * `content` is the raw tunnel event (node path + XML or JSON payload), `object` finesse.js's own
 * conversion of it (finesse-10.5.1.js `MasterPublisher._parseAndPublishXMLEvent`,
 * `_parseAndPublishJSONEvent`). `content` is read first, bare XML accepted too; `object` only when
 * `content` cannot be read. A bare string is taken as `content`.
 */
export function notificationOf(data: unknown): Notification {
  const content =
    typeof data === 'string'
      ? data
      : typeof data === 'object' && data !== null
        ? (data as Record<string, unknown>).content
        : undefined;
  const object =
    typeof data === 'object' && data !== null
      ? (data as Record<string, unknown>).object
      : undefined;
  if (typeof content === 'string') {
    try {
      return parseNotification(content);
    } catch (error) {
      // Over the limit is refused, not read another way: the object is as large.
      if (error instanceof UpdateTooLarge || object === undefined || object === null) throw error;
    }
  }
  if (object !== undefined && object !== null)
    return { node: null, update: updateFromObject(object) };
  throw new TypeError('The publication has neither content nor object');
}

export interface DesktopHostOptions {
  /** Used when the desktop's locale is missing or not a valid language tag. */
  fallbackLocale?: string;
  /** Content height in CSS pixels; default: the document's. */
  measureHeight?: () => number;
  /** Watches the page for size changes between renders; default: a ResizeObserver when available. */
  observeSize?: (onResize: () => void) => () => void;
  /** A hub publication that could not be used; nothing the user can act on. */
  onProblem?: (message: string, cause?: unknown) => void;
}

export interface DesktopHost {
  host: Host;
  session: Session;
  dispose(): void;
}

function defaultMeasure(): number {
  return Math.ceil(document.documentElement.getBoundingClientRect().height);
}

function defaultObserve(onResize: () => void): () => void {
  if (typeof ResizeObserver === 'undefined' || typeof document === 'undefined') return () => {};
  const observer = new ResizeObserver(onResize);
  observer.observe(document.body);
  return () => observer.disconnect();
}

function createNotifications(
  globals: DesktopGlobals,
  onProblem: (message: string, cause?: unknown) => void,
): Notifications & { dispose(): void } {
  const { Hub } = globals.gadgets;
  // One hub subscription per topic, fanned out locally: a state change listening for its own
  // requestId adds a listener without a round trip to the desktop.
  const byTopic = new Map<string, { subscriptionId: string; listeners: Listeners<[Update]> }>();
  // Assumed up until the desktop answers ConnectionInfoReq (it does at once when it knows).
  let connection: ConnectionState = initialConnectionState;
  const connectionListeners = listeners<[ConnectionStatus]>();
  const resyncListeners = listeners();
  const refusedListeners = listeners<[number]>();
  let refused = 0;

  // Subscribe first, then ask: a gadget that starts after the desktop connected learns the status
  // only by asking (finesse-10.5.1.js `ClientServices.init` → `_makeConnectionInfoReq`; the
  // master answers on finesse.info.connection, `MasterPublisher._clientRequestHandler`).
  const connectionSubscription = Hub.subscribe(topics.connection, (_topic, data) => {
    const next = nextConnectionState(connection, data);
    if (next === null) return;
    const changed = next.status !== connection.status;
    connection = { status: next.status, failover: next.failover, seenUp: next.seenUp };
    if (changed) connectionListeners.emit(connection.status);
    if (next.resync) resyncListeners.emit();
  });
  try {
    Hub.publish(topics.requests, { type: 'ConnectionInfoReq', data: {}, invokeID: Date.now() });
  } catch (cause) {
    onProblem('Could not ask the desktop for its connection status', cause);
  }

  return {
    subscribe(node, onUpdate, events) {
      const topic = topics.forNode(node);
      let entry = byTopic.get(topic);
      if (!entry) {
        const updateListeners = listeners<[Update]>();
        const subscriptionId = Hub.subscribe(topic, (_topic, data) => {
          // During a failover finesse.js holds back object events until `recovered`, then re-reads
          // (`ClientServices.subscribe(topic, callback, disableDuringFailover)`); so do we.
          if (connection.failover) return;
          let notification: Notification;
          try {
            notification = notificationOf(data);
          } catch (cause) {
            if (cause instanceof UpdateTooLarge) {
              // Counted and shown; what it carried is read again instead.
              refused += 1;
              refusedListeners.emit(refused);
              resyncListeners.emit();
            }
            return onProblem(`Unreadable Update on ${topic}`, cause);
          }
          if (notification.node !== null && notification.node !== node) {
            return onProblem(`An Update for ${notification.node} on ${topic}`);
          }
          updateListeners.emit(notification.update);
        });
        entry = { subscriptionId, listeners: updateListeners };
        byTopic.set(topic, entry);
      }
      const current = entry;
      const remove = current.listeners.add(onUpdate);
      // The hub delivers from the moment of subscribing: ready at once.
      const onReady = events?.onReady;
      if (onReady) queueMicrotask(onReady);
      return () => {
        remove();
        if (current.listeners.size === 0 && byTopic.get(topic) === current) {
          byTopic.delete(topic);
          Hub.unsubscribe(current.subscriptionId);
        }
      };
    },
    connectionStatus: () => connection.status,
    onConnectionChange: connectionListeners.add,
    onResync: resyncListeners.add,
    refusedUpdates: () => refused,
    onRefusedUpdate: refusedListeners.add,
    dispose() {
      Hub.unsubscribe(connectionSubscription);
      for (const entry of byTopic.values()) Hub.unsubscribe(entry.subscriptionId);
      byTopic.clear();
      connectionListeners.clear();
      resyncListeners.clear();
      refusedListeners.clear();
    },
  };
}

function createChrome(
  globals: DesktopGlobals,
  measure: () => number,
  observe: (onResize: () => void) => () => void,
): Chrome & { dispose(): void } {
  const { gadgets } = globals;
  let lastHeight = -1;
  let scheduled = false;
  let dismissed = false;

  const adjust = (force: boolean) => {
    const height = measure();
    if (!force && height === lastHeight) return;
    lastHeight = height;
    gadgets.window.adjustHeight();
  };
  // Several renders resize once, in the next frame: measuring inside the render's own task would
  // force a layout there (a long task on a slow PC); by the next frame the layout is due anyway.
  // Where there are no frames (tests outside a browser), after the current task's microtasks.
  const nextFrame: (fn: () => void) => void =
    typeof requestAnimationFrame === 'function'
      ? (fn) => void requestAnimationFrame(() => fn())
      : queueMicrotask;
  let forced = false;
  const schedule = (force: boolean) => {
    forced ||= force;
    if (scheduled) return;
    scheduled = true;
    nextFrame(() => {
      scheduled = false;
      const force = forced;
      forced = false;
      adjust(force);
    });
  };
  const contentChanged = () => schedule(false);
  // The observer's changes count from the first screen on (ready() resizes for it). Before it,
  // the body holds the gadget.xml's own content, under the desktop's loading indicator: the
  // observer's first notification reports that size (a new observation starts from 0×0), and
  // resizing the frame to it would shrink it, to grow it again at the first screen; on a slow PC
  // it cost a measure and a resize of the desktop's frame just before the first screen was
  // drawn (bench:cold, 4× CPU). Not "skip the first notification": a gadget starting in a
  // hidden tab gets none until it is shown, and that one must count.
  const stopObserving = observe(() => {
    if (dismissed) contentChanged();
  });
  // adjustHeight does nothing while the gadget's tab is hidden: resize again when a tab is shown.
  const activeTab = gadgets.Hub.subscribe(topics.activeTab, () => adjust(true));

  return {
    contentChanged,
    ready() {
      if (dismissed) return;
      dismissed = true;
      gadgets.loadingindicator?.dismiss();
      schedule(true);
    },
    setTitle(title) {
      gadgets.window.setTitle?.(title);
    },
    dispose() {
      stopObserving();
      gadgets.Hub.unsubscribe(activeTab);
    },
  };
}

/** The desktop host, or null when the desktop did not say who is signed in. */
export function createDesktopHost(
  globals: DesktopGlobals,
  options: DesktopHostOptions = {},
): DesktopHost | null {
  const config = readConfig(globals);
  if (config.id === '') return null;
  const fallbackLocale =
    options.fallbackLocale ?? (typeof navigator !== 'undefined' ? navigator.language : 'en-US');
  const onProblem =
    options.onProblem ??
    ((message: string, cause?: unknown) => console.warn(`[agent-state gadget] ${message}`, cause));
  const notifications = createNotifications(globals, onProblem);
  const chrome = createChrome(
    globals,
    options.measureHeight ?? defaultMeasure,
    options.observeSize ?? defaultObserve,
  );
  const userId = config.id;
  return {
    host: {
      kind: 'desktop',
      locale: intlLocale(config.locale, fallbackLocale || 'en-US'),
      clockDriftMs: config.clientDriftInMillis,
      notifications,
      chrome,
    },
    // Auth is read at each request: a refreshed SSO token takes effect at once.
    session: { userId, getAuth: () => readAuth(globals) },
    dispose() {
      notifications.dispose();
      chrome.dispose();
    },
  };
}

/** Runs `start` once, when the gadget has joined the desktop's hub (Finesse: start in onConnect). */
export function whenHubConnected(globals: DesktopGlobals, start: () => void): void {
  const { HubSettings } = globals.gadgets;
  const previous = HubSettings.onConnect;
  let started = false;
  HubSettings.onConnect = () => {
    previous?.();
    if (started) return;
    started = true;
    start();
  };
}
