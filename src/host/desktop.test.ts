// The desktop host against a fake OpenSocial container: the container is the boundary here.
import { describe, expect, it, vi } from 'vitest';
import { fixture } from '../../test/fixtures/fixtures.ts';
import type { Update } from '../finesse/update.ts';
import {
  createDesktopHost,
  initialConnectionState,
  intlLocale,
  nextConnectionState,
  notificationOf,
  readAuth,
  readConfig,
  whenHubConnected,
  type ConnectionState,
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
  const published: { topic: string; data: unknown }[] = [];
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
        publish(topic: string, data: unknown) {
          published.push({ topic, data });
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
  return { win, prefs, publish, published, topicsSubscribed, calls, globals };
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

  it('prefers a finesse.gadget.Config in the page, field by field, then the prefs', () => {
    const { win } = fakeDesktop({ id: 'from-prefs', locale: 'de_DE' });
    win.finesse = { gadget: { Config: { id: '2001', clientDriftInMillis: 120, locale: '' } } };
    const config = readConfig(findDesktopGlobals(win) as DesktopGlobals);
    expect(config).toMatchObject({ id: '2001', clientDriftInMillis: 120, locale: 'de_DE' });
  });

  /** A desktop with the credentials only where one source puts them. */
  function withCredentials(
    where: 'getToken' | 'getUserAuthString' | 'config' | 'prefs' | 'sessionStorage' | 'none',
    systemAuthMode = '',
  ) {
    const fake = fakeDesktop({ authorization: '', systemAuthMode });
    const store = new Map<string, string>();
    fake.win.sessionStorage = { getItem: (key: string) => store.get(key) ?? null };
    const utilities: Record<string, () => string | null> = {
      getToken: () => null,
      getUserAuthString: () => null,
    };
    fake.win.finesse = { utilities: { Utilities: utilities }, gadget: { Config: {} } };
    if (where === 'getToken') utilities.getToken = () => 'token-from-finesse-js';
    if (where === 'getUserAuthString')
      utilities.getUserAuthString = () => 'YjY0LWZyb20tZmluZXNzZQ==';
    if (where === 'config')
      fake.win.finesse = { gadget: { Config: { authorization: 'Y29uZmln' } } };
    if (where === 'prefs') fake.prefs.authorization = 'cHJlZnM=';
    if (where === 'sessionStorage') store.set('userFinesseAuth', 'c2Vzc2lvbg==');
    return { ...fake, utilities, store, globals: findDesktopGlobals(fake.win) as DesktopGlobals };
  }

  it('finds the credentials in finesse.js, the Config, the prefs or sessionStorage', () => {
    expect(readAuth(withCredentials('getToken').globals)).toEqual({
      scheme: 'Bearer',
      token: 'token-from-finesse-js',
    });
    expect(readAuth(withCredentials('getUserAuthString').globals)).toEqual({
      scheme: 'Basic',
      credentials: 'YjY0LWZyb20tZmluZXNzZQ==',
    });
    expect(readAuth(withCredentials('config').globals)).toEqual({
      scheme: 'Basic',
      credentials: 'Y29uZmln',
    });
    expect(readAuth(withCredentials('prefs').globals)).toEqual({
      scheme: 'Basic',
      credentials: 'cHJlZnM=',
    });
    expect(readAuth(withCredentials('sessionStorage').globals)).toEqual({
      scheme: 'Basic',
      credentials: 'c2Vzc2lvbg==',
    });
    expect(readAuth(withCredentials('none').globals)).toBeNull();
  });

  it('asks finesse.js first, then the Config, the prefs, and sessionStorage last', () => {
    const desktop = withCredentials('sessionStorage');
    desktop.prefs.authorization = 'cHJlZnM=';
    expect(readAuth(desktop.globals)).toEqual({ scheme: 'Basic', credentials: 'cHJlZnM=' });
    desktop.utilities.getUserAuthString = () => 'ZmluZXNzZQ==';
    expect(readAuth(desktop.globals)).toEqual({ scheme: 'Basic', credentials: 'ZmluZXNzZQ==' });
    // An accessor that throws counts as having nothing.
    desktop.utilities.getUserAuthString = () => {
      throw new Error('finesse.js broke');
    };
    expect(readAuth(desktop.globals)).toEqual({ scheme: 'Basic', credentials: 'cHJlZnM=' });
  });

  it('reads the SSO token at each request: a renewed token is used at once', () => {
    const desktop = withCredentials('getToken', 'SSO');
    desktop.prefs.authToken = 'stale-token-from-load-time';
    const host = createDesktopHost(desktop.globals, { observeSize: noObserver });
    expect(host?.session.getAuth()).toEqual({ scheme: 'Bearer', token: 'token-from-finesse-js' });
    desktop.utilities.getToken = () => 'renewed-token';
    expect(host?.session.getAuth()).toEqual({ scheme: 'Bearer', token: 'renewed-token' });
    // Without finesse.js's getToken (10.x), the pref's token is all there is.
    desktop.utilities.getToken = () => null;
    expect(host?.session.getAuth()).toEqual({
      scheme: 'Bearer',
      token: 'stale-token-from-load-time',
    });
  });

  it('limits the schemes by systemAuthMode', () => {
    const sso = withCredentials('sessionStorage', 'SSO');
    expect(readAuth(sso.globals)).toBeNull();
    const basic = withCredentials('getToken', 'NON_SSO');
    expect(readAuth(basic.globals)).toBeNull();
    basic.store.set('userFinesseAuth', 'c2Vzc2lvbg==');
    expect(readAuth(basic.globals)?.scheme).toBe('Basic');
  });

  it('survives a frame whose sessionStorage throws', () => {
    const { win } = fakeDesktop({ authorization: '' });
    Object.defineProperty(win, 'sessionStorage', {
      get() {
        throw new DOMException('denied', 'SecurityError');
      },
    });
    expect(readAuth(findDesktopGlobals(win) as DesktopGlobals)).toBeNull();
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

/** finesse.js's conversion of fixtures/update-user.xml (Goessner's xml2json: null for empty). */
const userUpdateObject = {
  Update: {
    event: 'PUT',
    requestId: 'xyz',
    source: '/finesse/api/User/1234',
    data: {
      user: {
        dialogs: '/finesse/api/User/1234/Dialogs',
        extension: '1001',
        firstName: 'John',
        lastName: 'Smith',
        loginId: '1234',
        loginName: 'jsmith',
        pendingState: null,
        reasonCodeId: '-1',
        roles: { role: 'Agent' },
        settings: { wrapUpOnIncoming: null, wrapUpOnOutgoing: null },
        state: 'NOT_READY',
        stateChangeTime: '2014-05-27T00:33:44.836Z',
        teamId: '1',
        teamName: 'Default',
        uri: '/finesse/api/User/1234',
      },
    },
  },
};

describe('notifications from the desktop hub', () => {
  const node = '/finesse/api/User/1234';
  const xml = fixture('update-user.xml');

  it('reads every shape finesse.js publishes: node path + XML, node path + JSON, bare XML', () => {
    const expected = notificationOf({ content: xml }).update;
    expect(expected.data.kind).toBe('user');
    const prefixedXml = notificationOf({ content: node + xml, object: userUpdateObject });
    expect(prefixedXml).toEqual({ node, update: expected });
    const prefixedJson = notificationOf({
      content: node + JSON.stringify(userUpdateObject),
      object: userUpdateObject,
    });
    expect(prefixedJson).toEqual({ node, update: expected });
    expect(notificationOf({ content: xml, object: userUpdateObject })).toEqual({
      node: null,
      update: expected,
    });
    // The node path is URI-encoded in the tunnel (finesse.js decodeURI()s it).
    expect(notificationOf({ content: `/finesse/api/User/j%20smith${xml}` }).node).toBe(
      '/finesse/api/User/j smith',
    );
  });

  it('uses `object` only when `content` cannot be read', () => {
    const fromObject = notificationOf({
      content: `${node}<Update><data>`,
      object: userUpdateObject,
    });
    expect(fromObject.update).toEqual(notificationOf({ content: xml }).update);
    expect(notificationOf({ object: userUpdateObject }).update.requestId).toBe('xyz');
    expect(() => notificationOf({ content: `${node}<Update><data>` })).toThrow();
    expect(() => notificationOf({})).toThrow();
  });

  it('delivers each shape on finesse.api.User.<id>, fanned out from one hub subscription', () => {
    const { globals, publish, topicsSubscribed } = fakeDesktop();
    const desktop = createDesktopHost(globals, { observeSize: noObserver });
    const notifications = desktop?.host.notifications;
    if (!notifications) throw new Error('no notifications');
    const first: Update[] = [];
    const second: Update[] = [];
    const stopFirst = notifications.subscribe(node, (u) => first.push(u));
    const stopSecond = notifications.subscribe(node, (u) => second.push(u));
    expect(topicsSubscribed().filter((t) => t === 'finesse.api.User.1234')).toHaveLength(1);

    publish('finesse.api.User.1234', { content: node + xml, object: userUpdateObject });
    publish('finesse.api.User.1234', {
      content: node + JSON.stringify(userUpdateObject),
      object: userUpdateObject,
    });
    publish('finesse.api.User.1234', { content: xml });
    expect(first.map((u) => u.requestId)).toEqual(['xyz', 'xyz', 'xyz']);
    expect(second).toHaveLength(3);

    publish('finesse.api.User.1234', { content: node + fixture('update-async-error.xml') });
    expect(first[3]?.data.kind).toBe('apiErrors');

    stopFirst();
    expect(topicsSubscribed()).toContain('finesse.api.User.1234');
    stopSecond();
    expect(topicsSubscribed()).not.toContain('finesse.api.User.1234');
  });

  it('reports unusable publications, and events of another node, instead of passing them on', () => {
    const { globals, publish } = fakeDesktop();
    const onProblem = vi.fn();
    const desktop = createDesktopHost(globals, { observeSize: noObserver, onProblem });
    const seen: Update[] = [];
    desktop?.host.notifications?.subscribe(node, (u) => seen.push(u));
    publish('finesse.api.User.1234', { content: `${node}<Update><data>` });
    publish('finesse.api.User.1234', { object: {} });
    publish('finesse.api.User.1234', { content: `${node}{"Update": ` });
    publish('finesse.api.User.1234', { content: `/finesse/api/User/9999${xml}` });
    expect(seen).toEqual([]);
    expect(onProblem).toHaveBeenCalledTimes(4);
  });

  it('subscribes to the connection topic, then asks the desktop for the current status', () => {
    const { globals, published, topicsSubscribed } = fakeDesktop();
    createDesktopHost(globals, { observeSize: noObserver });
    expect(topicsSubscribed()).toContain('finesse.info.connection');
    expect(published).toEqual([
      {
        topic: 'finesse.info.requests',
        data: { type: 'ConnectionInfoReq', data: {}, invokeID: expect.any(Number) },
      },
    ]);
  });

  it('started during a failover: down from the answer on, up and re-read only on recovered', () => {
    const { globals, publish } = fakeDesktop();
    const desktop = createDesktopHost(globals, { observeSize: noObserver });
    const notifications = desktop?.host.notifications;
    if (!notifications) throw new Error('no notifications');
    const changes: string[] = [];
    const resyncs = vi.fn();
    const updates: Update[] = [];
    notifications.onConnectionChange((status) => changes.push(status));
    notifications.onResync(resyncs);
    notifications.subscribe(node, (u) => updates.push(u));

    publish('finesse.info.connection', { status: 'failing', resourceID: 'r', invokeID: 1 });
    expect(notifications.connectionStatus()).toBe('reconnecting');
    // Events during a failover are held back (finesse.js disableDuringFailover).
    publish('finesse.api.User.1234', { content: node + xml });
    expect(updates).toEqual([]);
    // `connected` during a failover does not count.
    publish('finesse.info.connection', { status: 'connected' });
    expect(notifications.connectionStatus()).toBe('reconnecting');
    expect(resyncs).not.toHaveBeenCalled();
    publish('finesse.info.connection', { status: 'recovered' });
    expect(notifications.connectionStatus()).toBe('connected');
    expect(resyncs).toHaveBeenCalledTimes(1);
    expect(changes).toEqual(['reconnecting', 'connected']);
    publish('finesse.api.User.1234', { content: node + xml });
    expect(updates).toHaveLength(1);
  });

  it('follows a dropped connection: down while reconnecting, up and re-read after', () => {
    const { globals, publish } = fakeDesktop();
    const desktop = createDesktopHost(globals, { observeSize: noObserver });
    const notifications = desktop?.host.notifications;
    if (!notifications) throw new Error('no notifications');
    const changes: string[] = [];
    const resyncs = vi.fn();
    notifications.onConnectionChange((status) => changes.push(status));
    notifications.onResync(resyncs);
    publish('finesse.info.connection', { status: 'connected' }); // the answer to the request
    expect(resyncs).not.toHaveBeenCalled();
    publish('finesse.info.connection', { status: 'disconnected' });
    publish('finesse.info.connection', { status: 'reconnecting' });
    publish('finesse.info.connection', { status: 'something new' });
    expect(notifications.connectionStatus()).toBe('reconnecting');
    publish('finesse.info.connection', { status: 'connected' });
    expect(changes).toEqual(['reconnecting', 'connected']);
    expect(resyncs).toHaveBeenCalledTimes(1);
  });

  it('computes connection states as finesse.js does, case-insensitively', () => {
    const up: ConnectionState = { status: 'connected', failover: false, seenUp: true };
    const step = (from: ConnectionState, status: unknown) => nextConnectionState(from, status);
    expect(step(initialConnectionState, { status: 'CONNECTED' })).toMatchObject({
      status: 'connected',
      seenUp: true,
      resync: false,
    });
    expect(step(up, { status: 'connected' })).toBeNull();
    expect(step(up, { status: 'Failing' })).toMatchObject({
      status: 'reconnecting',
      failover: true,
    });
    expect(step(up, 'recovered')).toMatchObject({ status: 'connected', resync: true });
    expect(step(up, { status: 'unloading' })).toMatchObject({ status: 'reconnecting' });
    expect(step(up, { status: 'conflict' })).toMatchObject({ status: 'reconnecting' });
    // An answer with no status (the desktop does not know yet), or an unknown one: no change.
    expect(step(up, { status: undefined })).toBeNull();
    expect(step(up, { status: 'resynced' })).toBeNull();
    expect(step(up, null)).toBeNull();
  });

  it('leaves nothing subscribed on the hub when disposed', () => {
    const { globals, topicsSubscribed } = fakeDesktop();
    const desktop = createDesktopHost(globals, { observeSize: noObserver });
    desktop?.host.notifications?.subscribe(node, () => {});
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

  /** A desktop host whose size observer the test drives, its content `height()` high. */
  function observed(height: () => number) {
    const { globals, calls } = fakeDesktop();
    let notify = () => {};
    const desktop = createDesktopHost(globals, {
      observeSize: (onResize) => {
        notify = onResize;
        return () => {};
      },
      measureHeight: height,
    });
    if (!desktop) throw new Error('no desktop');
    return { calls, chrome: desktop.host.chrome, notify: () => notify() };
  }

  it('resizes for the size observer from the first screen on, not before it', async () => {
    let height = 40;
    const { calls, chrome, notify } = observed(() => height);
    // A new observation reports the body's size at once: the gadget.xml's own content.
    notify();
    await flush();
    expect(calls.adjustHeight).toBe(0);
    // The first screen resizes…
    chrome.ready();
    await flush();
    expect(calls.adjustHeight).toBe(1);
    // …and every later change of size does too.
    height = 200;
    notify();
    await flush();
    expect(calls.adjustHeight).toBe(2);
  });

  it('counts the first notification when it comes after the first screen (a tab shown later)', async () => {
    let height = 0;
    const { calls, chrome, notify } = observed(() => height);
    // Started in a hidden tab: no layout, so no notification until it is shown.
    chrome.ready();
    await flush();
    height = 180;
    notify();
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
