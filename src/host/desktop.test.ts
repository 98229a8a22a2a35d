// The desktop host against a fake OpenSocial container: the container is the boundary here.
import { describe, expect, it, vi } from 'vitest';
import { fixture } from '../../test/fixtures/fixtures.ts';
import type { Update } from '../finesse/update.ts';
import {
  authFrom,
  connectionStatusOf,
  createDesktopHost,
  intlLocale,
  readConfig,
  whenHubConnected,
} from './desktop.ts';
import { findDesktopGlobals, topics, type DesktopGlobals } from './openSocial.ts';

type Callback = (topic: string, data: unknown) => void;

function fakeDesktop(initialPrefs: Record<string, string> = {}) {
  const prefs: Record<string, string> = {
    id: '1234',
    authorization: 'MTIzNDpkZW1v',
    locale: 'en_US',
    ...initialPrefs,
  };
  const subscriptions = new Map<string, { topic: string; callback: Callback }>();
  let next = 0;
  const calls = { adjustHeight: 0, titles: [] as string[], dismissed: 0 };
  const win: Record<string, unknown> = {
    gadgets: {
      Prefs: class {
        getString(name: string) {
          return prefs[name] ?? '';
        }
        getInt(name: string) {
          return parseInt(prefs[name] ?? '', 10) || 0;
        }
      },
      HubSettings: {} as { onConnect?: () => void },
      Hub: {
        subscribe(topic: string, callback: Callback) {
          const id = `sub-${++next}`;
          subscriptions.set(id, { topic, callback });
          return id;
        },
        unsubscribe(id: string) {
          subscriptions.delete(id);
        },
      },
      window: {
        adjustHeight: () => calls.adjustHeight++,
        setTitle: (title: string) => calls.titles.push(title),
      },
      loadingindicator: { dismiss: () => calls.dismissed++ },
    },
  };
  const publish = (topic: string, data: unknown) => {
    for (const s of [...subscriptions.values()]) if (s.topic === topic) s.callback(topic, data);
  };
  const topicsSubscribed = () => [...subscriptions.values()].map((s) => s.topic);
  const globals = findDesktopGlobals(win) as DesktopGlobals;
  return { win, prefs, publish, topicsSubscribed, calls, globals };
}

const flush = () => new Promise<void>((resolve) => queueMicrotask(resolve));
const noObserver = () => () => {};

describe('findDesktopGlobals', () => {
  it('is null outside a gadget container or when a required feature is missing', () => {
    expect(findDesktopGlobals({})).toBeNull();
    const { win } = fakeDesktop();
    const gadgets = win.gadgets as Record<string, unknown>;
    expect(findDesktopGlobals({ gadgets: { ...gadgets, Hub: undefined } })).toBeNull();
    expect(findDesktopGlobals({ gadgets: { ...gadgets, window: {} } })).toBeNull();
    expect(findDesktopGlobals(win)).not.toBeNull();
  });

  it('names hub topics after the node, leading slash dropped and slashes as dots', () => {
    expect(topics.forNode('/finesse/api/User/1001')).toBe('finesse.api.User.1001');
    expect(topics.forNode('/finesse/api/Team/10/Users')).toBe('finesse.api.Team.10.Users');
  });
});

describe('identity and authorization from the desktop', () => {
  it('reads finesse.gadget.Config fields from the prefs the desktop passes', () => {
    const { globals } = fakeDesktop({ clientDriftInMillis: '-4500', locale: 'fr_FR' });
    const desktop = createDesktopHost(globals, { observeSize: noObserver });
    expect(desktop?.session.userId).toBe('1234');
    expect(desktop?.session.getAuth()).toEqual({ scheme: 'Basic', credentials: 'MTIzNDpkZW1v' });
    expect(desktop?.host.kind).toBe('desktop');
    expect(desktop?.host.locale).toBe('fr-FR');
    expect(desktop?.host.clockDriftMs).toBe(-4500);
  });

  it('uses the SSO token as Bearer, read fresh at each request', () => {
    const { globals, prefs } = fakeDesktop({
      authorization: '',
      authToken: 'token-1',
      systemAuthMode: 'SSO',
    });
    const desktop = createDesktopHost(globals, { observeSize: noObserver });
    expect(desktop?.session.getAuth()).toEqual({ scheme: 'Bearer', token: 'token-1' });
    prefs.authToken = 'token-2'; // the desktop refreshed the token
    expect(desktop?.session.getAuth()).toEqual({ scheme: 'Bearer', token: 'token-2' });
  });

  it('prefers a finesse.gadget.Config already in the page (the desktop’s finesse.js)', () => {
    const { win } = fakeDesktop({ id: 'from-prefs' });
    win.finesse = {
      gadget: { Config: { id: '2001', authToken: 'abc', clientDriftInMillis: 120 } },
    };
    const globals = findDesktopGlobals(win) as DesktopGlobals;
    const config = readConfig(globals);
    expect(config.id).toBe('2001');
    expect(config.clientDriftInMillis).toBe(120);
    expect(authFrom(config)).toEqual({ scheme: 'Bearer', token: 'abc' });
  });

  it('chooses the scheme by systemAuthMode, then by what is present', () => {
    const base = readConfig(fakeDesktop().globals);
    const both = { ...base, authorization: 'b64', authToken: 'tok' };
    expect(authFrom({ ...both, systemAuthMode: 'NON_SSO' })).toEqual({
      scheme: 'Basic',
      credentials: 'b64',
    });
    expect(authFrom({ ...both, systemAuthMode: 'SSO' })?.scheme).toBe('Bearer');
    expect(authFrom({ ...both, authToken: '', systemAuthMode: '' })?.scheme).toBe('Basic');
    expect(authFrom({ ...both, authorization: '', authToken: '', systemAuthMode: '' })).toBeNull();
  });

  it('is null when the desktop does not say who is signed in', () => {
    expect(createDesktopHost(fakeDesktop({ id: '' }).globals)).toBeNull();
  });

  it('turns Finesse locales into language tags Intl accepts, falling back on nonsense', () => {
    expect(intlLocale('en_US', 'de-DE')).toBe('en-US');
    expect(intlLocale('zh_Hans_CN', 'de-DE')).toBe('zh-Hans-CN');
    expect(intlLocale('', 'de-DE')).toBe('de-DE');
    expect(intlLocale('not a locale!', 'de-DE')).toBe('de-DE');
  });
});

describe('notifications from the desktop hub', () => {
  it('parses { content: <Update XML> } on finesse.api.User.<id> and fans it out', () => {
    const { globals, publish, topicsSubscribed } = fakeDesktop();
    const desktop = createDesktopHost(globals, { observeSize: noObserver });
    const notifications = desktop?.host.notifications;
    if (!notifications) throw new Error('no notifications');
    const first: Update[] = [];
    const second: Update[] = [];
    const stopFirst = notifications.subscribe('/finesse/api/User/1234', (u) => first.push(u));
    const stopSecond = notifications.subscribe('/finesse/api/User/1234', (u) => second.push(u));
    // One hub subscription for the node, however many listeners.
    expect(topicsSubscribed().filter((t) => t === 'finesse.api.User.1234')).toHaveLength(1);

    publish('finesse.api.User.1234', { content: fixture('update-user.xml') });
    expect(first).toHaveLength(1);
    expect(first[0]?.requestId).toBe('xyz');
    expect(first[0]?.data.kind).toBe('user');
    expect(second).toHaveLength(1);

    publish('finesse.api.User.1234', { content: fixture('update-async-error.xml') });
    expect(first[1]?.data.kind).toBe('apiErrors');

    stopFirst();
    expect(topicsSubscribed()).toContain('finesse.api.User.1234');
    stopSecond();
    expect(topicsSubscribed()).not.toContain('finesse.api.User.1234');
  });

  it('reports unusable publications instead of passing them on', () => {
    const { globals, publish } = fakeDesktop();
    const onProblem = vi.fn();
    const desktop = createDesktopHost(globals, { observeSize: noObserver, onProblem });
    const seen: Update[] = [];
    desktop?.host.notifications?.subscribe('/finesse/api/User/1234', (u) => seen.push(u));
    publish('finesse.api.User.1234', { content: '<Update><data>' });
    publish('finesse.api.User.1234', { object: {} });
    expect(seen).toEqual([]);
    expect(onProblem).toHaveBeenCalledTimes(2);
  });

  it('follows finesse.info.connection: down while reconnecting, up again after', () => {
    const { globals, publish } = fakeDesktop();
    const desktop = createDesktopHost(globals, { observeSize: noObserver });
    const notifications = desktop?.host.notifications;
    if (!notifications) throw new Error('no notifications');
    const changes: string[] = [];
    notifications.onConnectionChange((status) => changes.push(status));
    expect(notifications.connectionStatus()).toBe('connected');
    publish('finesse.info.connection', { status: 'disconnected' });
    publish('finesse.info.connection', { status: 'reconnecting' });
    publish('finesse.info.connection', { status: 'something new' });
    expect(notifications.connectionStatus()).toBe('reconnecting');
    publish('finesse.info.connection', { status: 'connected' });
    expect(changes).toEqual(['reconnecting', 'connected']);
  });

  it('reads connection statuses case-insensitively and ignores unknown ones', () => {
    expect(connectionStatusOf({ status: 'CONNECTED' })).toBe('connected');
    expect(connectionStatusOf({ status: 'failing' })).toBe('reconnecting');
    expect(connectionStatusOf('recovered')).toBe('connected');
    expect(connectionStatusOf({ status: 'unloading' })).toBeNull();
    expect(connectionStatusOf(null)).toBeNull();
  });

  it('leaves nothing subscribed on the hub when disposed', () => {
    const { globals, topicsSubscribed } = fakeDesktop();
    const desktop = createDesktopHost(globals, { observeSize: noObserver });
    desktop?.host.notifications?.subscribe('/finesse/api/User/1234', () => {});
    expect(topicsSubscribed().length).toBeGreaterThan(0);
    desktop?.dispose();
    expect(topicsSubscribed()).toEqual([]);
  });
});

describe('the desktop chrome', () => {
  it('adjusts the height once per batch of renders, and only when it changed', async () => {
    const { globals, calls } = fakeDesktop();
    let height = 100;
    const desktop = createDesktopHost(globals, {
      observeSize: noObserver,
      measureHeight: () => height,
    });
    const chrome = desktop?.host.chrome;
    if (!chrome) throw new Error('no chrome');
    chrome.contentChanged();
    chrome.contentChanged();
    await flush();
    expect(calls.adjustHeight).toBe(1);
    chrome.contentChanged();
    await flush();
    expect(calls.adjustHeight).toBe(1);
    height = 240;
    chrome.contentChanged();
    await flush();
    expect(calls.adjustHeight).toBe(2);
  });

  it('adjusts again when a desktop tab is made active (adjustHeight does nothing while hidden)', () => {
    const { globals, calls, publish } = fakeDesktop();
    createDesktopHost(globals, { observeSize: noObserver, measureHeight: () => 100 });
    publish('finesse.containerservices.activeTab', 'home');
    publish('finesse.containerservices.activeTab', 'home');
    expect(calls.adjustHeight).toBe(2);
  });

  it('dismisses the loading indicator once, and sets the title', () => {
    const { globals, calls } = fakeDesktop();
    const desktop = createDesktopHost(globals, { observeSize: noObserver, measureHeight: () => 1 });
    desktop?.host.chrome.ready();
    desktop?.host.chrome.ready();
    desktop?.host.chrome.setTitle('Agent state');
    expect(calls.dismissed).toBe(1);
    expect(calls.titles).toEqual(['Agent state']);
  });
});

describe('whenHubConnected', () => {
  it('starts once, in HubSettings.onConnect, keeping a handler already there', () => {
    const { globals } = fakeDesktop();
    const earlier = vi.fn();
    globals.gadgets.HubSettings.onConnect = earlier;
    const start = vi.fn();
    whenHubConnected(globals, start);
    expect(start).not.toHaveBeenCalled();
    globals.gadgets.HubSettings.onConnect?.();
    globals.gadgets.HubSettings.onConnect?.();
    expect(start).toHaveBeenCalledTimes(1);
    expect(earlier).toHaveBeenCalledTimes(2);
  });
});
