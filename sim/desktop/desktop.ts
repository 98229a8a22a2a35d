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
}

type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

const DEMO_PASSWORD = 'demo';
const CONNECTION_TOPIC = 'finesse.info.connection';
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

function log(line: string) {
  const list = byId<HTMLOListElement>('hub-log');
  const item = document.createElement('li');
  item.textContent = line;
  list.append(item);
  while (list.children.length > 100) list.firstElementChild?.remove();
  list.scrollTop = list.scrollHeight;
}

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

// ---- notifications: the simulator's SSE stream relayed onto the hub ---------------------

let events: EventSource | null = null;
let connection: ConnectionStatus = 'connecting';

function setConnection(status: ConnectionStatus) {
  if (status === connection) return;
  connection = status;
  byId('connection-status').textContent = status;
  byId<HTMLButtonElement>('drop').disabled = status === 'disconnected';
  byId<HTMLButtonElement>('restore').disabled = status !== 'disconnected';
  if (status !== 'connecting') hub.publish(CONNECTION_TOPIC, { status });
}

function openNotifications(userId: string) {
  const node = `/finesse/api/User/${userId}`;
  const source = new EventSource(`/sim/notifications?node=${encodeURIComponent(node)}`);
  events = source;
  source.onopen = () => setConnection('connected');
  // As the desktop republishes an XMPP node: the Update XML as `content`.
  source.onmessage = (event: MessageEvent<string>) =>
    hub.publish(nodeTopic(node), { content: event.data });
  source.onerror = () => {
    if (events !== source) return;
    setConnection(source.readyState === EventSource.CLOSED ? 'disconnected' : 'reconnecting');
  };
}

function closeNotifications() {
  events?.close();
  events = null;
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
  // The fields of finesse.gadget.Config, passed to every gadget as user prefs.
  return {
    id: user.loginId,
    ...(choice.sso
      ? { authToken: `sso-${user.loginId}`, authorization: '', systemAuthMode: 'SSO' }
      : {
          authorization: base64Utf8(`${user.loginId}:${DEMO_PASSWORD}`),
          authToken: '',
          systemAuthMode: 'NON_SSO',
        }),
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

/** Called by each gadget frame's first script, before any of the gadget's own scripts run. */
(window as unknown as { finesseSimDesktop: unknown }).finesseSimDesktop = {
  install(win: Window, frameId: string) {
    const services = frames.get(frameId);
    if (!services) throw new Error(`no gadget frame ${frameId}`);
    installGadgetApis(win, services);
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
  byId('sign-in').hidden = true;
  byId('desktop').hidden = false;
  byId('sign-out').hidden = false;
  byId('agent-name').textContent = `${user.firstName} ${user.lastName} (${user.loginId})`;
  connection = 'connecting';
  byId('connection-status').textContent = connection;
  openNotifications(user.loginId);
  selectTab('home');
  await renderGadget(user, choice);
}

function signOut() {
  removeGadget();
  closeNotifications();
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
  if (params.has('locale')) byId<HTMLSelectElement>('locale').value = params.get('locale') ?? '';
  if (params.has('drift')) byId<HTMLInputElement>('drift').value = params.get('drift') ?? '0';
  byId<HTMLInputElement>('sso').checked = params.get('sso') === '1';
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
    setConnection('reconnecting');
    openNotifications(signedIn.loginId);
  });
  byId('call-start').addEventListener('click', () => void simCall('start'));
  byId('call-end').addEventListener('click', () => void simCall('end'));

  if (user) await signIn(choiceFromForm());
}

void main();
