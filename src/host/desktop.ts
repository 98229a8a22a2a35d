// The Finesse desktop as a Host: identity and auth from the desktop's Config, live updates from its
// OpenAjax hub, and its chrome (iframe height, title, loading indicator). No finesse.js needed.
import type { Auth } from '../finesse/client.ts';
import { parseUpdate, type Update } from '../finesse/update.ts';
import type { Chrome, ConnectionStatus, Host, Notifications, Session } from './host.ts';
import { topics, type DesktopGlobals, type FinesseGadgetConfig } from './openSocial.ts';

/** finesse.gadget.Config, reduced to what the gadget uses. */
export interface DesktopConfig {
  id: string;
  /** base64 of id:password (non-SSO). */
  authorization: string;
  /** SSO access token. */
  authToken: string;
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
 * Read fresh at each call. Cisco's finesse.js builds `finesse.gadget.Config` from the user prefs the
 * desktop passes to every gadget (`new gadgets.Prefs().getString("authorization")`, …); without
 * finesse.js the gadget reads the same prefs. A `finesse.gadget.Config` already in the page wins.
 */
export function readConfig(globals: DesktopGlobals): DesktopConfig {
  const config: FinesseGadgetConfig | null = globals.finesseConfig();
  if (config) {
    return {
      id: str(config.id),
      authorization: str(config.authorization),
      authToken: str(config.authToken),
      systemAuthMode: str(config.systemAuthMode),
      locale: str(config.locale),
      clientDriftInMillis: toNumber(config.clientDriftInMillis),
    };
  }
  const prefs = new globals.gadgets.Prefs();
  return {
    id: prefs.getString('id'),
    authorization: prefs.getString('authorization'),
    authToken: prefs.getString('authToken'),
    systemAuthMode: prefs.getString('systemAuthMode'),
    locale: prefs.getString('locale'),
    clientDriftInMillis: toNumber(prefs.getInt('clientDriftInMillis')),
  };
}

/** As finesse.js does: Bearer in SSO mode, Basic otherwise; by what is present when the mode is unknown. */
export function authFrom(config: DesktopConfig): Auth | null {
  const mode = config.systemAuthMode.toUpperCase();
  const bearer: Auth | null = config.authToken
    ? { scheme: 'Bearer', token: config.authToken }
    : null;
  const basic: Auth | null = config.authorization
    ? { scheme: 'Basic', credentials: config.authorization }
    : null;
  if (mode === 'SSO') return bearer;
  if (mode === 'NON_SSO') return basic;
  return bearer ?? basic;
}

/** Finesse says 'en_US'; Intl wants 'en-US'. Anything Intl refuses falls back. */
export function intlLocale(finesseLocale: string, fallback: string): string {
  const candidate = finesseLocale.trim().replaceAll('_', '-');
  if (candidate === '') return fallback;
  try {
    return Intl.getCanonicalLocales(candidate)[0] ?? fallback;
  } catch {
    return fallback;
  }
}

const CONNECTED = new Set(['connected', 'recovered', 'resynced']);
const DOWN = new Set(['disconnected', 'disconnecting', 'reconnecting', 'connecting', 'failing']);

/**
 * The desktop's `finesse.info.connection` payload `{ status }`. Unknown statuses are ignored
 * rather than guessed: a guess could freeze the control in "Reconnecting…" for a whole shift.
 */
export function connectionStatusOf(data: unknown): ConnectionStatus | null {
  const status =
    typeof data === 'object' && data !== null
      ? str((data as Record<string, unknown>).status)
      : str(data);
  const key = status.toLowerCase();
  if (CONNECTED.has(key)) return 'connected';
  if (DOWN.has(key)) return 'reconnecting';
  return null;
}

/** The Update XML in a hub publication: `{ content: "<Update>…" }` (a bare string is accepted too). */
function updateXmlOf(data: unknown): string | null {
  if (typeof data === 'string') return data;
  if (typeof data === 'object' && data !== null) {
    const content = (data as Record<string, unknown>).content;
    if (typeof content === 'string') return content;
  }
  return null;
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
  const byTopic = new Map<
    string,
    { subscriptionId: string; listeners: Set<(u: Update) => void> }
  >();
  let status: ConnectionStatus = 'connected';
  const connectionListeners = new Set<(status: ConnectionStatus) => void>();

  const connectionSubscription = Hub.subscribe(topics.connection, (_topic, data) => {
    const next = connectionStatusOf(data);
    if (next === null || next === status) return;
    status = next;
    for (const listener of [...connectionListeners]) listener(status);
  });

  return {
    subscribe(node, onUpdate) {
      const topic = topics.forNode(node);
      let entry = byTopic.get(topic);
      if (!entry) {
        const listeners = new Set<(u: Update) => void>();
        const subscriptionId = Hub.subscribe(topic, (_topic, data) => {
          const xml = updateXmlOf(data);
          if (xml === null) return onProblem(`No Update XML in a publication on ${topic}`);
          let update: Update;
          try {
            update = parseUpdate(xml);
          } catch (cause) {
            return onProblem(`Unreadable Update on ${topic}`, cause);
          }
          for (const listener of [...listeners]) listener(update);
        });
        entry = { subscriptionId, listeners };
        byTopic.set(topic, entry);
      }
      const current = entry;
      current.listeners.add(onUpdate);
      return () => {
        current.listeners.delete(onUpdate);
        if (current.listeners.size === 0 && byTopic.get(topic) === current) {
          byTopic.delete(topic);
          Hub.unsubscribe(current.subscriptionId);
        }
      };
    },
    connectionStatus: () => status,
    onConnectionChange(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
    dispose() {
      Hub.unsubscribe(connectionSubscription);
      for (const entry of byTopic.values()) Hub.unsubscribe(entry.subscriptionId);
      byTopic.clear();
      connectionListeners.clear();
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
  // Several renders in one task resize once.
  const contentChanged = () => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      adjust(false);
    });
  };
  const stopObserving = observe(contentChanged);
  // adjustHeight does nothing while the gadget's tab is hidden: resize again when a tab is shown.
  const activeTab = gadgets.Hub.subscribe(topics.activeTab, () => adjust(true));

  return {
    contentChanged,
    ready() {
      if (dismissed) return;
      dismissed = true;
      gadgets.loadingindicator?.dismiss();
      adjust(true);
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
    session: { userId, getAuth: () => authFrom(readConfig(globals)) },
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
