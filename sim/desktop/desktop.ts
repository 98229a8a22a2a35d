// The simulated Finesse desktop page: sign in as a seeded user, load a gadget.xml the way Finesse
// does, give it the container APIs, and relay the simulator's notifications onto the hub.
import { installGadgetApis, type FrameServices } from './gadgetRuntime.ts';
import {
  SUPPORTED_FEATURES,
  effectivePrefs,
  feature,
  gadgetDocument,
  parseGadgetSpec,
  specProblems,
  substitutePrefs,
} from './gadgetSpec.ts';
import { eventObject } from './eventObject.ts';
import {
  GADGET_WAIT_MS,
  RECONNECT_MS,
  ReconnectCounter,
  canTake,
  failoverUrl,
  pairOf,
  type SimNodeInfo,
} from './failover.ts';
import { Hub } from './hub.ts';

interface SimUser {
  loginId: string;
  firstName: string;
  lastName: string;
  roles: string[];
  teamId: string;
  extension: string;
}

interface SignInChoice {
  userId: string;
  sso: boolean;
  locale: string;
  driftMs: number;
  gadgetUrl: string;
  /** Which finesse.js the stand-in plays: '12' (Config, getToken) or '10.5' (neither). */
  finesseJs: string;
  /** Start the desktop in a failover (`failing`) before the gadget loads. */
  failover: boolean;
}

/** How node events are published on the hub (finesse-10.5.1.js MasterPublisher). */
export type PublicationShape = 'xml' | 'json' | 'bare';

/** finesse-10.5.1.js ClientServices `_STATUS`, as the master publishes them. */
type ConnectionStatus =
  'connecting' | 'connected' | 'reconnecting' | 'disconnected' | 'failing' | 'recovered';

const DEMO_PASSWORD = 'demo';
const CONNECTION_TOPIC = 'finesse.info.connection';
const REQUESTS_TOPIC = 'finesse.info.requests';
/** The desktop page keeps base64(id:password) here; finesse.js's getUserAuthString reads it. */
const AUTH_STORAGE_KEY = 'userFinesseAuth';
const ACTIVE_TAB_TOPIC = 'finesse.containerservices.activeTab';
const DEFAULT_HEIGHT = 200;
const DEFAULT_LOADING_TIMEOUT_S = 10;

function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from the desktop page`);
  return element as T;
}

const nodeTopic = (node: string) => node.replace(/^\/+/, '').replaceAll('/', '.');

function base64Utf8(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

// ---- the hub and its log ----------------------------------------------------------------

let scrollScheduled = false;

/** Shows the newest line of the hub log, if the log is open. */
function scrollLog() {
  const panel = byId<HTMLDetailsElement>('hub-log-panel');
  if (!panel.open || scrollScheduled) return;
  // Once per frame: reading scrollHeight here would force a layout of the desktop inside every
  // publication, and so inside the publishing gadget's task.
  scrollScheduled = true;
  requestAnimationFrame(() => {
    scrollScheduled = false;
    const list = byId<HTMLOListElement>('hub-log');
    list.scrollTop = list.scrollHeight;
  });
}

/**
 * Adds a line to the hub log, an aid of this double that the real desktop does not have. The log
 * is closed until opened (`<details>`): closed, a line costs the desktop no layout, so the log
 * does not compete with a starting gadget for the page's one main thread, which the real desktop
 * (no log on screen, its hub passing messages between frames) never makes it do.
 */
function log(line: string) {
  const list = byId<HTMLOListElement>('hub-log');
  const item = document.createElement('li');
  item.textContent = line;
  list.append(item);
  while (list.children.length > 100) list.firstElementChild?.remove();
  scrollLog();
}
byId<HTMLDetailsElement>('hub-log-panel').addEventListener('toggle', scrollLog);

const hub = new Hub((topic, error) => log(`! a subscriber of ${topic} threw: ${String(error)}`));
hub.subscribe(
  '**',
  (topic, data) => {
    const summary =
      typeof data === 'object' && data !== null && 'content' in data
        ? String((data as { content: unknown }).content).slice(0, 160)
        : JSON.stringify(data);
    log(`${topic} ${summary}`);
  },
  'desktop',
);

// ---- notifications: the node's notification connection relayed onto the hub -------------

let events: EventSource | null = null;
/** The user's node and SystemInfo (failover.md: every user is subscribed to SystemInfo). */
const SYSTEM_INFO_NODE = '/finesse/api/SystemInfo';
const reconnects = new ReconnectCounter();
let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
/** Arrived on this node by an automatic failover: `recovered` once connected here. */
let autoRecover = false;
/** The gadget has asked for the connection info, so it hears what is published next. */
let gadgetAsked = false;
let gadgetWaitTimer: ReturnType<typeof setTimeout> | null = null;
let connection: ConnectionStatus = 'connecting';
let shape: PublicationShape = 'xml';
let resourceID = '';
/** Between "Start failover" and "Recovered". */
let failingOver = false;

function showConnection() {
  byId('connection-status').textContent = connection;
  const open = events !== null;
  byId<HTMLButtonElement>('drop').disabled = !open;
  byId<HTMLButtonElement>('restore').disabled = open;
  byId<HTMLButtonElement>('failover-start').disabled = connection === 'failing' || !signedIn;
  byId<HTMLButtonElement>('failover-back').disabled = open || connection !== 'failing';
  byId<HTMLButtonElement>('failover-recovered').disabled =
    !failingOver || !open || connection !== 'connected';
}

/** Publishes the connection info as finesse.js's master does: `{ status, resourceID }`. */
function setConnection(status: ConnectionStatus) {
  connection = status;
  showConnection();
  hub.publish(CONNECTION_TOPIC, { status, resourceID });
}

/** The hub publication for one event, in the shape chosen in the panel. */
export function publication(node: string, xml: string, as: PublicationShape): unknown {
  const object = eventObject(xml);
  // The tunnel event is the node path immediately followed by the payload.
  if (as === 'json') return { content: node + JSON.stringify(object), object };
  if (as === 'bare') return { content: xml, object };
  return { content: node + xml, object };
}

/**
 * The notification connection to this page's node (`/desktop/notifications`, which lives and
 * dies with the node's Notification Service and reachability): the user's Updates on
 * `finesse.api.User.<id>`, the node's SystemInfo Updates on `finesse.api.SystemInfo`. When it
 * fails, the desktop tries again every RECONNECT_MS; after FAILOVER_AFTER_FAILURES failures in
 * a row it fails over to the other node of the pair (`failover.ts`).
 */
function openNotifications(userId: string) {
  cancelReconnect();
  const nodes = [`/finesse/api/User/${userId}`, SYSTEM_INFO_NODE];
  const query = nodes.map((node) => `node=${encodeURIComponent(node)}`).join('&');
  const source = new EventSource(`/desktop/notifications?${query}`);
  events = source;
  source.onopen = () => {
    if (events !== source) return;
    reconnects.opened();
    // Arrived by an automatic failover: `failing` until `recovered` (not `connected` between).
    if (autoRecover) maybeRecover();
    else setConnection('connected');
  };
  source.onmessage = (event: MessageEvent<string>) => {
    const { node, xml } = JSON.parse(event.data) as { node: string; xml: string };
    hub.publish(nodeTopic(node), publication(node, xml, shape));
  };
  source.onerror = () => {
    if (events !== source) return;
    // The desktop reconnects by itself (not EventSource's own retry), counting failures.
    source.close();
    events = null;
    if (connection !== 'failing') setConnection('reconnecting');
    else showConnection();
    if (reconnects.failed() === 'failover') void failOverOrRetry(userId);
    else reconnectTimer = setTimeout(() => openNotifications(userId), RECONNECT_MS);
  };
  showConnection();
}

function cancelReconnect() {
  if (reconnectTimer) clearTimeout(reconnectTimer);
  reconnectTimer = null;
}

function closeNotifications() {
  cancelReconnect();
  if (gadgetWaitTimer) clearTimeout(gadgetWaitTimer);
  gadgetWaitTimer = null;
  events?.close();
  events = null;
}

/** The pair's nodes as the simulator lists them (its control plane answers on a down node). */
async function simNodes(): Promise<SimNodeInfo[]> {
  try {
    const response = await fetch('/sim/nodes', { cache: 'no-store' });
    return ((await response.json()) as { nodes: SimNodeInfo[] }).nodes;
  } catch {
    return [];
  }
}

/**
 * The connection could not be re-established: on a pair, `failing`, then the whole page moves
 * to the other node if it can take the agent; otherwise (one node, or the other one down too)
 * the desktop keeps trying this node.
 */
async function failOverOrRetry(userId: string) {
  const { other } = pairOf(await simNodes(), location.port);
  if (!signedIn || signedIn.loginId !== userId) return;
  if (other) {
    if (connection !== 'failing') {
      failingOver = true;
      setConnection('failing');
    }
    // Back here later: `recovered` on this node, as on the other.
    autoRecover = true;
    const target =
      canTake(other) && lastChoice
        ? failoverUrl(location, other, failoverParams(lastChoice))
        : null;
    if (target) {
      byId('control-result').textContent = `Failing over to node ${other.name.toUpperCase()}…`;
      location.assign(target);
      return;
    }
  }
  reconnectTimer = setTimeout(() => openNotifications(userId), RECONNECT_MS);
}

/** The sign-in choices as the page's query (what `main` reads back on the other node). */
function failoverParams(choice: SignInChoice): Record<string, string> {
  return {
    user: choice.userId,
    ...(choice.sso ? { sso: '1' } : {}),
    locale: choice.locale,
    drift: String(choice.driftMs),
    finessejs: choice.finesseJs,
    gadget: choice.gadgetUrl,
    shape,
  };
}

/**
 * After an automatic failover: `recovered` once the connection is open here and the gadget
 * listens (it asked for the connection info), or GADGET_WAIT_MS after the connection opened.
 */
function maybeRecover() {
  if (!autoRecover || events === null || events.readyState !== EventSource.OPEN) return;
  if (gadgetAsked) {
    autoRecover = false;
    if (gadgetWaitTimer) clearTimeout(gadgetWaitTimer);
    gadgetWaitTimer = null;
    failoverRecovered();
    return;
  }
  gadgetWaitTimer ??= setTimeout(() => {
    gadgetWaitTimer = null;
    gadgetAsked = true;
    maybeRecover();
  }, GADGET_WAIT_MS);
}

// Gadgets ask for the connection info when they start (finesse.js ClientServices.init →
// ConnectionInfoReq); the master answers on the connection topic with the request's invokeID.
hub.subscribe(
  REQUESTS_TOPIC,
  (_topic, data) => {
    const request = data as { type?: unknown; invokeID?: unknown } | null;
    if (request?.type !== 'ConnectionInfoReq' || !signedIn) return;
    hub.publish(CONNECTION_TOPIC, { status: connection, resourceID, invokeID: request.invokeID });
    gadgetAsked = true;
    maybeRecover();
  },
  'desktop',
);

// ---- failover: failing, the server back (connected, still failing over), recovered ---------

function failoverStart() {
  failingOver = true;
  closeNotifications();
  setConnection('failing');
}

function failoverServerBack() {
  if (!signedIn) return;
  reconnects.opened();
  openNotifications(signedIn.loginId);
}

function failoverRecovered() {
  failingOver = false;
  setConnection('recovered');
  // The master then carries on as connected; gadgets already count `recovered` as up.
  connection = 'connected';
  showConnection();
}

// ---- SSO token: renewed by the desktop, so the old one stops working ---------------------

let ssoToken = '';

async function renewToken(): Promise<string> {
  if (!signedIn) throw new Error('not signed in');
  const response = await fetch(`/sim/users/${encodeURIComponent(signedIn.loginId)}/sso-token`, {
    method: 'POST',
  });
  const result = (await response.json()) as { token?: string; error?: string };
  if (!response.ok || !result.token) throw new Error(result.error ?? `HTTP ${response.status}`);
  ssoToken = result.token;
  byId('control-result').textContent = 'SSO token renewed; the previous one no longer works.';
  return ssoToken;
}

// ---- the gadget frame ------------------------------------------------------------------

let frameCounter = 0;
let currentFrame: HTMLIFrameElement | null = null;
let currentFrameId: string | null = null;
let loadingTimer: ReturnType<typeof setTimeout> | null = null;
const frames = new Map<string, FrameServices>();

function hideLoading(by: 'gadget' | 'timeout' | 'load') {
  const overlay = byId('gadget-loading');
  if (overlay.hidden) return;
  overlay.hidden = true;
  overlay.dataset.dismissedBy = by;
  if (loadingTimer) clearTimeout(loadingTimer);
  loadingTimer = null;
}

function removeGadget() {
  if (currentFrameId) {
    hub.unsubscribeOwner(currentFrameId);
    frames.delete(currentFrameId);
  }
  currentFrame?.remove();
  currentFrame = null;
  currentFrameId = null;
  if (loadingTimer) clearTimeout(loadingTimer);
  loadingTimer = null;
}

function showProblem(message: string) {
  const problem = byId('gadget-problem');
  problem.textContent = message;
  problem.hidden = message === '';
}

function desktopPrefs(user: SimUser, choice: SignInChoice): Record<string, string> {
  // The fields of finesse.gadget.Config, passed to every gadget as user prefs; but not the
  // credentials: the desktop does not put them in the `authorization` pref by itself, the
  // gadget's finesse.js does (Cisco's JavaScript-library README; finesse-10.5.1.js, last block).
  // The SSO token is passed as it was when the gadget loaded: a renewed one reaches the gadget
  // only through finesse.js's getToken() here (how the real desktop does it is unverified).
  return {
    id: user.loginId,
    ...(choice.sso
      ? { authToken: ssoToken, systemAuthMode: 'SSO' }
      : { authToken: '', systemAuthMode: 'NON_SSO' }),
    locale: choice.locale,
    clientDriftInMillis: String(choice.driftMs),
    extension: user.extension,
    teamId: user.teamId,
    scheme: location.protocol.replace(':', ''),
    host: location.hostname,
    hostPort: location.port,
    restHost: location.hostname,
    xmppDomain: location.hostname,
    pubsubDomain: `proxy.${location.hostname}`,
  };
}

async function renderGadget(user: SimUser, choice: SignInChoice) {
  removeGadget();
  showProblem('');
  const specUrl = new URL(choice.gadgetUrl, location.href);
  const title = byId('gadget-title');
  title.textContent = specUrl.pathname;

  let spec;
  let body: string;
  try {
    const response = await fetch(specUrl, { cache: 'no-store' });
    if (!response.ok) throw new Error(`GET ${specUrl.pathname} answered ${response.status}`);
    spec = parseGadgetSpec(await response.text());
    const problems = specProblems(spec);
    if (problems.length > 0) throw new Error(problems.join('; '));
    body = spec.content.body;
    if (spec.content.href) {
      // Proxied content, fetched like the spec and resolved against it.
      const content = await fetch(new URL(spec.content.href, specUrl), { cache: 'no-store' });
      if (!content.ok) throw new Error(`content ${spec.content.href} answered ${content.status}`);
      body = await content.text();
    }
  } catch (error) {
    showProblem(
      `The gadget could not be loaded: ${error instanceof Error ? error.message : error}`,
    );
    return;
  }

  title.textContent = spec.title;
  const prefs = effectivePrefs(spec, desktopPrefs(user, choice));
  const frameId = `gadget-${++frameCounter}`;
  const frame = document.createElement('iframe');
  frame.id = 'gadget-frame';
  frame.title = spec.title;
  frame.style.height = `${spec.height ?? DEFAULT_HEIGHT}px`;
  frame.dataset.adjustments = '0';

  const offered = spec.features.map((f) => f.name).filter((n) => SUPPORTED_FEATURES.includes(n));
  frames.set(frameId, {
    frameId,
    features: offered,
    prefs,
    hub,
    adjustHeight(height) {
      // A hidden tab has no layout: Shindig's adjustHeight does nothing there either.
      if (frame.getClientRects().length === 0) return;
      const measured =
        height ??
        Math.ceil(frame.contentDocument?.documentElement.getBoundingClientRect().height ?? 0);
      frame.style.height = `${measured}px`;
      frame.dataset.adjustments = String(Number(frame.dataset.adjustments) + 1);
    },
    setTitle(newTitle) {
      title.textContent = newTitle;
    },
    dismissLoadingIndicator: () => hideLoading('gadget'),
  });

  const loading = feature(spec, 'loadingindicator');
  const overlay = byId('gadget-loading');
  overlay.hidden = !loading;
  delete overlay.dataset.dismissedBy;
  if (loading) {
    const seconds = Number(loading.params['loading-timeout']) || DEFAULT_LOADING_TIMEOUT_S;
    loadingTimer = setTimeout(() => hideLoading('timeout'), seconds * 1000);
    if (loading.params['manual-dismiss'] !== 'true') {
      frame.addEventListener('load', () => hideLoading('load'), { once: true });
    }
  }

  frame.srcdoc = gadgetDocument({
    body: substitutePrefs(body, prefs),
    // Relative URLs in the content resolve against gadget.xml's folder.
    baseHref: new URL('.', specUrl).href,
    bootstrap: `parent.finesseSimDesktop.install(window, ${JSON.stringify(frameId)});`,
  });
  currentFrame = frame;
  currentFrameId = frameId;
  byId('gadget-slot').append(frame);
}

let finesseJsVersion = '12';

/**
 * Called by each gadget frame's first script, before any of the gadget's own scripts run; the
 * finesse.js stand-in reads `finesseJs`. `control` drives the desktop from tests, as the panel does.
 */
(window as unknown as { finesseSimDesktop: unknown }).finesseSimDesktop = {
  install(win: Window, frameId: string) {
    const services = frames.get(frameId);
    if (!services) throw new Error(`no gadget frame ${frameId}`);
    installGadgetApis(win, services);
  },
  finesseJs: {
    get version() {
      return finesseJsVersion;
    },
    token: () => ssoToken,
  },
  control: {
    setShape(next: PublicationShape) {
      shape = next;
      byId<HTMLSelectElement>('shape').value = next;
    },
    failoverStart,
    failoverServerBack,
    failoverRecovered,
    renewToken,
  },
};

// ---- tabs ------------------------------------------------------------------------------

function selectTab(name: 'home' | 'other') {
  for (const tab of ['home', 'other'] as const) {
    byId(`tab-${tab}`).setAttribute('aria-selected', String(tab === name));
    byId(`panel-${tab}`).hidden = tab !== name;
  }
  hub.publish(ACTIVE_TAB_TOPIC, name);
}

// ---- sign in and out -------------------------------------------------------------------

let users: SimUser[] = [];
let signedIn: SimUser | null = null;
/** The choices of the current sign-in: the other node signs the agent in with the same. */
let lastChoice: SignInChoice | null = null;
/** `?failover=auto`: this page is the other node's, after an automatic failover. */
let arrivedByFailover = false;

async function loadUsers(): Promise<void> {
  const response = await fetch('/sim/state', { cache: 'no-store' });
  const state = (await response.json()) as { users: SimUser[] };
  users = state.users.filter((u) => u.roles.includes('Agent') || u.roles.includes('Supervisor'));
  const select = byId<HTMLSelectElement>('user');
  select.replaceChildren(
    ...users.map((u) => new Option(`${u.loginId} ${u.firstName} ${u.lastName}`, u.loginId)),
  );
}

async function signIn(choice: SignInChoice) {
  const user = users.find((u) => u.loginId === choice.userId);
  if (!user) {
    byId('sign-in-problem').textContent = `No user ${choice.userId} in the simulator.`;
    return;
  }
  signedIn = user;
  lastChoice = choice;
  byId('sign-in').hidden = true;
  byId('desktop').hidden = false;
  byId('sign-out').hidden = false;
  byId('agent-name').textContent = `${user.firstName} ${user.lastName} (${user.loginId})`;
  finesseJsVersion = choice.finesseJs;
  resourceID = `desktop-${Math.random().toString(36).slice(2, 10)}`;
  // The desktop page keeps the user's credentials in its sessionStorage (finesse.js
  // getUserAuthString); with SSO it holds an access token instead.
  if (choice.sso) {
    window.sessionStorage.removeItem(AUTH_STORAGE_KEY);
    ssoToken = `sso-${user.loginId}`;
  } else {
    window.sessionStorage.setItem(AUTH_STORAGE_KEY, base64Utf8(`${user.loginId}:${DEMO_PASSWORD}`));
    ssoToken = '';
  }
  byId<HTMLButtonElement>('renew-token').disabled = !choice.sso;
  connection = 'connecting';
  reconnects.opened();
  gadgetAsked = false;
  if (arrivedByFailover) {
    // Started in the failover the other node began: `failing` now, `recovered` once connected.
    arrivedByFailover = false;
    failoverStart();
    autoRecover = true;
    openNotifications(user.loginId);
  } else if (choice.failover) failoverStart();
  else openNotifications(user.loginId);
  showConnection();
  selectTab('home');
  await renderGadget(user, choice);
}

function signOut() {
  removeGadget();
  closeNotifications();
  autoRecover = false;
  lastChoice = null;
  window.sessionStorage.removeItem(AUTH_STORAGE_KEY);
  ssoToken = '';
  signedIn = null;
  byId('desktop').hidden = true;
  byId('sign-in').hidden = false;
  byId('sign-out').hidden = true;
  byId('agent-name').textContent = '';
}

function choiceFromForm(): SignInChoice {
  return {
    userId: byId<HTMLSelectElement>('user').value,
    sso: byId<HTMLInputElement>('sso').checked,
    locale: byId<HTMLSelectElement>('locale').value,
    driftMs: Number(byId<HTMLInputElement>('drift').value) || 0,
    gadgetUrl: byId<HTMLInputElement>('gadget-url').value,
    finesseJs: byId<HTMLSelectElement>('finesse-js').value,
    failover: byId<HTMLInputElement>('start-failover').checked,
  };
}

async function simCall(action: 'start' | 'end') {
  if (!signedIn) return;
  const response = await fetch(`/sim/users/${encodeURIComponent(signedIn.loginId)}/call`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ action }),
  });
  const result = (await response.json()) as { state?: string; error?: string };
  byId('control-result').textContent = response.ok
    ? `Call ${action === 'start' ? 'started' : 'ended'}: ${result.state}`
    : `The simulator refused: ${result.error}`;
}

async function main() {
  await loadUsers();
  const params = new URLSearchParams(location.search);
  // ?user=1001&sso=1&locale=fr_FR&drift=0&gadget=… prefills the form; `user` also signs in.
  if (params.has('gadget')) byId<HTMLInputElement>('gadget-url').value = params.get('gadget') ?? '';
  const locale = params.get('locale');
  if (locale !== null) {
    const select = byId<HTMLSelectElement>('locale');
    if (![...select.options].some((option) => option.value === locale)) {
      select.add(new Option(locale, locale));
    }
    select.value = locale;
  }
  if (params.has('drift')) byId<HTMLInputElement>('drift').value = params.get('drift') ?? '0';
  byId<HTMLInputElement>('sso').checked = params.get('sso') === '1';
  // ?finessejs=10.5 plays an older desktop; ?failover=1 starts in a failover; ?shape=json|bare.
  if (params.has('finessejs'))
    byId<HTMLSelectElement>('finesse-js').value = params.get('finessejs') ?? '12';
  byId<HTMLInputElement>('start-failover').checked = params.get('failover') === '1';
  arrivedByFailover = params.get('failover') === 'auto';
  const wanted = params.get('shape');
  if (wanted === 'json' || wanted === 'bare' || wanted === 'xml') shape = wanted;
  byId<HTMLSelectElement>('shape').value = shape;
  const user = params.get('user');
  if (user) byId<HTMLSelectElement>('user').value = user;

  byId('sign-in-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void signIn(choiceFromForm());
  });
  byId('sign-out').addEventListener('click', signOut);
  byId('tab-home').addEventListener('click', () => selectTab('home'));
  byId('tab-other').addEventListener('click', () => selectTab('other'));
  byId('drop').addEventListener('click', () => {
    closeNotifications();
    setConnection('disconnected');
  });
  byId('restore').addEventListener('click', () => {
    if (!signedIn) return;
    reconnects.opened();
    setConnection('reconnecting');
    openNotifications(signedIn.loginId);
  });
  byId('failover-start').addEventListener('click', failoverStart);
  byId('failover-back').addEventListener('click', failoverServerBack);
  byId('failover-recovered').addEventListener('click', failoverRecovered);
  byId('shape').addEventListener('change', () => {
    shape = byId<HTMLSelectElement>('shape').value as PublicationShape;
  });
  byId('renew-token').addEventListener('click', () => {
    renewToken().catch((error: unknown) => {
      byId('control-result').textContent = `The token was not renewed: ${String(error)}`;
    });
  });
  byId('call-start').addEventListener('click', () => void simCall('start'));
  byId('call-end').addEventListener('click', () => void simCall('end'));

  void simNodes().then((nodes) => {
    const { self } = pairOf(nodes, location.port);
    byId('node-name').textContent = self ? self.name.toUpperCase() : '?';
  });
  if (user) await signIn(choiceFromForm());
}

void main();
