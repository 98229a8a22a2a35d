// The failure controls page at /sim/ (served by the simulator, no framework): both nodes' state
// and buttons for the named faults, through the same control API the tests use (/sim/nodes,
// /sim/pair). Polls the state every 2 s; updates elements in place so focus is never lost.

export {};

interface NodeRow {
  name: 'a' | 'b';
  url: string | null;
  status: string;
  statusReason: string;
  tomcat: 'up' | 'down';
  notification: 'up' | 'down';
  reachable: boolean;
}

interface PairState {
  nodes: NodeRow[];
  finessePresence: boolean;
  cors: boolean;
}

/** The "CTI lost" fault's reason (decision: Cisco's texts are unknown; sim/pair.ts). */
const CTI_LOST_REASON = 'The CTI server connection is down.';
const POLL_MS = 2000;

function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from the panel`);
  return element as T;
}

const result = () => byId('result');
let state: PairState | null = null;

async function send(path: string, body: unknown, what: string): Promise<void> {
  try {
    const response = await fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    const answer = (await response.json()) as { error?: string };
    result().textContent = response.ok
      ? `${what}: done.`
      : `${what}: refused (${answer.error ?? response.status}).`;
  } catch (error) {
    result().textContent = `${what}: the simulator did not answer (${String(error)}).`;
  }
  await refresh();
}

const label = (name: string) => name.toUpperCase();

interface NodeView {
  cells: Record<'status' | 'reason' | 'tomcat' | 'notification' | 'reachable', HTMLElement>;
  desktop: HTMLAnchorElement;
  tomcat: HTMLButtonElement;
  notification: HTMLButtonElement;
  reachable: HTMLButtonElement;
}

const views = new Map<string, NodeView>();

function button(text: string, onClick: () => void): HTMLButtonElement {
  const element = document.createElement('button');
  element.type = 'button';
  element.textContent = text;
  element.addEventListener('click', onClick);
  return element;
}

/** The row and the fieldset of buttons for a node, made once. */
function viewOf(node: NodeRow): NodeView {
  const existing = views.get(node.name);
  if (existing) return existing;
  const name = label(node.name);
  const row = document.createElement('tr');
  const header = document.createElement('th');
  header.scope = 'row';
  header.textContent = `Node ${name}`;
  row.append(header);
  const cell = () => {
    const td = document.createElement('td');
    row.append(td);
    return td;
  };
  const cells = {
    status: cell(),
    reason: cell(),
    tomcat: cell(),
    notification: cell(),
    reachable: cell(),
  };
  const desktop = document.createElement('a');
  desktop.textContent = `Desktop on node ${name}`;
  cell().append(desktop);
  byId('nodes').append(row);

  const path = `/sim/nodes/${node.name}`;
  const current = () => state?.nodes.find((n) => n.name === node.name);
  const fieldset = document.createElement('fieldset');
  const legend = document.createElement('legend');
  legend.textContent = `Node ${name}`;
  fieldset.append(legend);
  const view: NodeView = {
    cells,
    desktop,
    tomcat: button('', () => {
      const down = current()?.tomcat === 'down';
      void send(
        path,
        { tomcat: down ? 'up' : 'down' },
        `Tomcat ${down ? 'up' : 'down'} on ${name}`,
      );
    }),
    notification: button('', () => {
      const down = current()?.notification === 'down';
      void send(
        path,
        { notification: down ? 'up' : 'down' },
        `Notification Service ${down ? 'up' : 'down'} on ${name}`,
      );
    }),
    reachable: button('', () => {
      const reachable = current()?.reachable !== false;
      void send(path, { reachable: !reachable }, `Node ${name} ${reachable ? 'down' : 'up'}`);
    }),
  };
  fieldset.append(
    button(
      `CTI lost on ${name}`,
      () =>
        void send(
          path,
          { status: 'OUT_OF_SERVICE', statusReason: CTI_LOST_REASON },
          `CTI lost on ${name}`,
        ),
    ),
    button(
      `Partial service on ${name}`,
      () => void send(path, { status: 'PARTIAL_SERVICE' }, `Partial service on ${name}`),
    ),
    button(
      `Back in service on ${name}`,
      () => void send(path, { status: 'IN_SERVICE' }, `Back in service on ${name}`),
    ),
    view.tomcat,
    view.notification,
    view.reachable,
  );
  byId('actions').append(fieldset);
  views.set(node.name, view);
  return view;
}

function render(next: PairState): void {
  state = next;
  for (const node of next.nodes) {
    const view = viewOf(node);
    const name = label(node.name);
    const mark = (element: HTMLElement, text: string, bad: boolean) => {
      element.textContent = text;
      element.classList.toggle('bad', bad);
    };
    mark(view.cells.status, node.status, node.status !== 'IN_SERVICE');
    view.cells.reason.textContent = node.statusReason || '—';
    mark(view.cells.tomcat, node.tomcat, node.tomcat === 'down');
    mark(view.cells.notification, node.notification, node.notification === 'down');
    mark(view.cells.reachable, node.reachable ? 'yes' : 'no', !node.reachable);
    const port = node.url ? new URL(node.url).port : '';
    view.desktop.href = port ? `${location.protocol}//${location.hostname}:${port}/desktop/` : '#';
    view.tomcat.textContent = `Tomcat ${node.tomcat === 'down' ? 'up' : 'down'} on ${name}`;
    view.notification.textContent = `Notification Service ${node.notification === 'down' ? 'up' : 'down'} on ${name}`;
    view.reachable.textContent = `Node ${name} ${node.reachable ? 'down' : 'up'}`;
  }
  byId('presence-state').textContent = next.finessePresence ? 'on' : 'off';
  byId('presence-toggle').textContent =
    `Turn Finesse presence ${next.finessePresence ? 'off' : 'on'}`;
  byId('cors-state').textContent = next.cors ? 'on' : 'off';
  byId('cors-toggle').textContent = `Turn CORS ${next.cors ? 'off' : 'on'}`;
}

async function refresh(): Promise<void> {
  try {
    const response = await fetch('/sim/nodes', { cache: 'no-store' });
    render((await response.json()) as PairState);
  } catch {
    // The next poll tries again.
  }
}

byId('presence-toggle').addEventListener('click', () => {
  const on = state?.finessePresence !== false;
  void send('/sim/pair', { finessePresence: !on }, `Finesse presence ${on ? 'off' : 'on'}`);
});
byId('cors-toggle').addEventListener('click', () => {
  const on = state?.cors === true;
  void send('/sim/pair', { cors: !on }, `CORS ${on ? 'off' : 'on'}`);
});

byId('big-team').addEventListener('click', () => {
  void send('/sim/big-team', { size: 300 }, 'Big team of 300 agents (reload the page to see it)');
});
byId('refuse-some').addEventListener('click', () => {
  // The same two faults as test/simControl.ts's refuseSomeChanges, in the order they apply.
  const match = { method: 'PUT', path: '/finesse/api/User/' };
  void send(
    '/sim/faults',
    { match, kind: 'status429', retryAfterS: 3, times: 1 },
    'The next state change gets 429',
  ).then(() =>
    send(
      '/sim/faults',
      { match, kind: 'changedMeanwhile', times: 2 },
      'Next state changes: one 429, then two agents signed out meanwhile',
    ),
  );
});

void refresh();
setInterval(() => {
  if (document.visibilityState === 'visible') void refresh();
}, POLL_MS);
