// @vitest-environment jsdom
// The simulated desktop's parts: reading gadget.xml like Shindig, the hub, and the APIs a frame gets.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { eventObject } from './eventObject.ts';
import { installGadgetApis, type FrameServices } from './gadgetRuntime.ts';
import {
  effectivePrefs,
  feature,
  gadgetDocument,
  GadgetSpecError,
  parseGadgetSpec,
  specProblems,
  substitutePrefs,
} from './gadgetSpec.ts';
import { Hub, topicMatches } from './hub.ts';
import {
  FAILOVER_AFTER_FAILURES,
  ReconnectCounter,
  canTake,
  failoverUrl,
  pairOf,
  type SimNodeInfo,
} from './failover.ts';

const repoGadgetXml = readFileSync(resolve(import.meta.dirname, '../../gadget.xml'), 'utf8');

const spec = (body: string, prefs = '', features = '<Require feature="pubsub-2"/>') =>
  `<?xml version="1.0" encoding="UTF-8"?>
<Module>
  <ModulePrefs title="T" description="D" thumbnail="t.png" height="120">${features}</ModulePrefs>
  ${prefs}
  <Content type="html"><![CDATA[${body}]]></Content>
</Module>`;

describe('reading gadget.xml', () => {
  it('reads the repository gadget.xml: title, features, loading indicator params, content', () => {
    const parsed = parseGadgetSpec(repoGadgetXml);
    expect(parsed.title).toBe('Agent state');
    expect(parsed.thumbnail).toBe('thumbnail.png');
    expect(specProblems(parsed)).toEqual([]);
    expect(feature(parsed, 'loadingindicator')?.params['manual-dismiss']).toBe('true');
    expect(parsed.content.body).toContain('<div id="root"></div>');
  });

  it('refuses a file without the XML declaration first, or not well-formed', () => {
    expect(() => parseGadgetSpec('<Module/>')).toThrow(GadgetSpecError);
    expect(() => parseGadgetSpec(' <?xml version="1.0"?><Module/>')).toThrow(/declaration/);
    expect(() => parseGadgetSpec('<?xml version="1.0"?><Module>')).toThrow(/well-formed/);
  });

  it('names what the desktop cannot provide; optional features are fine', () => {
    expect(specProblems(parseGadgetSpec(spec('x', '', '')))).toEqual([
      'Finesse gadgets must <Require feature="pubsub-2"/>',
    ]);
    const features =
      '<Require feature="pubsub-2"/><Require feature="opensocial-data"/><Optional feature="views"/>';
    expect(specProblems(parseGadgetSpec(spec('x', '', features)))).toEqual([
      'required feature "opensocial-data" is not provided by this desktop',
    ]);
  });

  it('substitutes __UP_…__ with declared defaults overridden by the desktop, HTML-escaped', () => {
    const parsed = parseGadgetSpec(
      spec(
        '<script src="__UP_scheme__://__UP_host__:__UP_hostPort__/x.js"></script>__UP_unknown__',
        '<UserPref name="scheme" datatype="hidden" default_value="https"/>' +
          '<UserPref name="hostPort" datatype="hidden" default_value="8445"/>',
      ),
    );
    const prefs = effectivePrefs(parsed, { host: 'finesse"a', hostPort: '443' });
    expect(substitutePrefs(parsed.content.body, prefs)).toBe(
      '<script src="https://finesse&quot;a:443/x.js"></script>',
    );
    expect(parsed.height).toBe(120);
  });

  it('renders the content after a <base> and the bootstrap, so relative URLs and APIs are ready', () => {
    const html = gadgetDocument({
      body: '<script src="a.js"></script>',
      baseHref: 'http://h/3rdpartygadget/files/x/',
      bootstrap: 'install()',
    });
    expect(html.indexOf('<base href="http://h/3rdpartygadget/files/x/">')).toBeLessThan(
      html.indexOf('<script>install()</script>'),
    );
    expect(html.indexOf('<script>install()</script>')).toBeLessThan(html.indexOf('a.js'));
  });
});

describe('the hub', () => {
  it('matches topics like OpenAjax: * one token, ** the rest', () => {
    expect(topicMatches('finesse.api.User.1001', 'finesse.api.User.1001')).toBe(true);
    expect(topicMatches('finesse.api.User.*', 'finesse.api.User.1001')).toBe(true);
    expect(topicMatches('finesse.api.User.*', 'finesse.api.User.1001.Dialogs')).toBe(false);
    expect(topicMatches('finesse.**', 'finesse.api.User.1001')).toBe(true);
    expect(topicMatches('finesse.api', 'finesse.api.User')).toBe(false);
  });

  it('delivers to every subscriber even when one throws, and forgets a frame that went away', () => {
    const errors = vi.fn();
    const hub = new Hub(errors);
    const seen: string[] = [];
    hub.subscribe(
      'a.b',
      () => {
        throw new Error('broken gadget');
      },
      'frame-1',
    );
    hub.subscribe('a.b', (topic) => seen.push(topic), 'frame-2');
    expect(hub.publish('a.b', {})).toBe(2);
    expect(seen).toEqual(['a.b']);
    expect(errors).toHaveBeenCalledOnce();
    hub.unsubscribeOwner('frame-1');
    expect(hub.subscriberCount('a.b')).toBe(1);
  });
});

describe('the APIs a gadget frame gets', () => {
  function services(features: string[]): FrameServices & { calls: string[] } {
    const calls: string[] = [];
    return {
      calls,
      frameId: 'gadget-1',
      features,
      prefs: { id: '1001', clientDriftInMillis: '-250', flag: 'true' },
      hub: new Hub(() => {}),
      adjustHeight: (height) => calls.push(`adjustHeight ${height ?? 'measured'}`),
      setTitle: (title) => calls.push(`setTitle ${title}`),
      dismissLoadingIndicator: () => calls.push('dismiss'),
    };
  }
  interface Installed {
    Prefs: new () => {
      getString(name: string): string;
      getInt(name: string): number;
      getBool(name: string): boolean;
    };
    HubSettings: { onConnect?: () => void };
    Hub: { subscribe(topic: string, onData: (topic: string, data: unknown) => void): string };
    window: { adjustHeight?: () => void; setTitle?: (title: string) => void };
    loadingindicator?: { dismiss(): void };
  }
  const installed = (win: Window) => (win as unknown as { gadgets: Installed }).gadgets;

  it('installs only the features the gadget requires', () => {
    installGadgetApis(window, services(['pubsub-2']));
    const gadgets = installed(window);
    expect(gadgets.Hub).toBeDefined();
    expect(gadgets.window.adjustHeight).toBeUndefined();
    expect(gadgets.window.setTitle).toBeUndefined();
    expect(gadgets.loadingindicator).toBeUndefined();
  });

  it('lets a gadget set prefs only with setprefs, as finesse.js does with the auth string', () => {
    installGadgetApis(window, services(['pubsub-2']));
    const without = new (installed(window).Prefs)() as unknown as { set?: unknown };
    expect(without.set).toBeUndefined();

    const frame = services(['pubsub-2', 'setprefs']);
    installGadgetApis(window, frame);
    const prefs = new (installed(window).Prefs)() as unknown as {
      set(name: string, value: unknown): void;
      getString(name: string): string;
    };
    expect(prefs.getString('authorization')).toBe('');
    prefs.set('authorization', 'MTAwMTpkZW1v');
    expect(new (installed(window).Prefs)().getString('authorization')).toBe('MTAwMTpkZW1v');
    prefs.set('authorization', null);
    expect(prefs.getString('authorization')).toBe('');
  });

  it('gives prefs, chrome calls, and hub publications as copies; onConnect after load', async () => {
    const frame = services(['pubsub-2', 'dynamic-height', 'settitle', 'loadingindicator']);
    installGadgetApis(window, frame);
    const gadgets = installed(window);
    const prefs = new gadgets.Prefs();
    expect(prefs.getString('id')).toBe('1001');
    expect(prefs.getInt('clientDriftInMillis')).toBe(-250);
    expect(prefs.getBool('flag')).toBe(true);
    expect(prefs.getString('absent')).toBe('');

    gadgets.window.adjustHeight?.();
    gadgets.window.setTitle?.('Agent state');
    gadgets.loadingindicator?.dismiss();
    expect(frame.calls).toEqual(['adjustHeight measured', 'setTitle Agent state', 'dismiss']);

    const received: unknown[] = [];
    gadgets.Hub.subscribe('finesse.api.User.1001', (_topic: string, data: unknown) =>
      received.push(data),
    );
    const published = { content: '<Update/>' };
    frame.hub.publish('finesse.api.User.1001', published);
    expect(received).toEqual([published]);
    expect(received[0]).not.toBe(published);

    const onConnect = vi.fn();
    gadgets.HubSettings.onConnect = onConnect;
    window.dispatchEvent(new Event('load'));
    await vi.waitFor(() => expect(onConnect).toHaveBeenCalledOnce());
  });
});

describe('the object half of a hub publication', () => {
  it('converts an Update the way finesse.js does: root by name, null for empty, arrays for repeats', () => {
    const object = eventObject(
      '<Update><event>PUT</event><requestId/><data><user><loginId>1001</loginId>' +
        '<roles><role>Agent</role><role>Supervisor</role></roles>' +
        '<ReasonCode id="3">x</ReasonCode></user></data></Update>',
    );
    expect(object).toEqual({
      Update: {
        event: 'PUT',
        requestId: null,
        data: {
          user: {
            loginId: '1001',
            roles: { role: ['Agent', 'Supervisor'] },
            ReasonCode: { '@id': '3', '#text': 'x' },
          },
        },
      },
    });
    expect(eventObject('<Update><data>')).toBeNull();
  });
});

describe('automatic failover to the other node', () => {
  const node = (name: string, port: number, patch: Partial<SimNodeInfo> = {}): SimNodeInfo => ({
    name,
    url: `http://127.0.0.1:${port}`,
    status: 'IN_SERVICE',
    tomcat: 'up',
    notification: 'up',
    reachable: true,
    ...patch,
  });

  it('fails over after three failed attempts in a row; an open connection starts again', () => {
    expect(FAILOVER_AFTER_FAILURES).toBe(3);
    const counter = new ReconnectCounter();
    expect([counter.failed(), counter.failed()]).toEqual(['retry', 'retry']);
    counter.opened();
    expect([counter.failed(), counter.failed(), counter.failed()]).toEqual([
      'retry',
      'retry',
      'failover',
    ]);
    expect(counter.count).toBe(3);
  });

  it('knows its own node by the page port, and the other one', () => {
    const nodes = [node('a', 4173), node('b', 4174)];
    expect(pairOf(nodes, '4174')).toEqual({ self: nodes[1], other: nodes[0] });
    expect(pairOf(nodes, '4173')).toEqual({ self: nodes[0], other: nodes[1] });
    // One node, or a page on neither: nowhere to go.
    expect(pairOf([node('a', 4173)], '4173').other).toBeUndefined();
    expect(pairOf(nodes, '5173')).toEqual({ self: undefined, other: undefined });
  });

  it('moves only to a node that is reachable, up and in service', () => {
    expect(canTake(node('b', 1))).toBe(true);
    expect(canTake(node('b', 1, { reachable: false }))).toBe(false);
    expect(canTake(node('b', 1, { notification: 'down' }))).toBe(false);
    expect(canTake(node('b', 1, { tomcat: 'down' }))).toBe(false);
    expect(canTake(node('b', 1, { status: 'OUT_OF_SERVICE' }))).toBe(false);
    expect(canTake(node('b', 1, { status: 'PARTIAL_SERVICE' }))).toBe(false);
  });

  it("opens the same desktop, same agent and choices, on the other node's port", () => {
    const url = failoverUrl({ protocol: 'http:', hostname: 'localhost' }, node('b', 4174), {
      user: '1001',
      sso: '1',
      gadget: '/3rdpartygadget/files/agent-state/gadget.xml',
    });
    const parsed = new URL(url ?? '');
    expect(parsed.origin).toBe('http://localhost:4174');
    expect(parsed.pathname).toBe('/desktop/');
    expect(Object.fromEntries(parsed.searchParams)).toEqual({
      user: '1001',
      sso: '1',
      gadget: '/3rdpartygadget/files/agent-state/gadget.xml',
      failover: 'auto',
    });
    expect(
      failoverUrl({ protocol: 'http:', hostname: 'x' }, { ...node('b', 1), url: null }, {}),
    ).toBeNull();
  });
});
