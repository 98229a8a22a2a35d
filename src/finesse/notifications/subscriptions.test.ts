// @vitest-environment node
// Subscription bookkeeping with a scripted request function: this JID's listed subscriptions kept
// (a duplicate removed), wanted nodes subscribed, unwanted ones left, refusals told to their
// listeners, and each listener told once per connection that its node is subscribed.
import { $iq } from 'strophe.js';
import { describe, expect, it } from 'vitest';
import { IqError } from './iq.ts';
import {
  createNodeSubscriptions,
  createRegistry,
  type Registration,
  type Registry,
} from './subscriptions.ts';

const SERVICE = 'pubsub.finesse.example';
const JID = '2001@finesse.example/tab-1';
const TEAM = '/finesse/api/Team/10/Users';
const OTHER = '/finesse/api/Team/20/Users';

const NS = 'http://jabber.org/protocol/pubsub';

/** A request function answering like a pubsub service: the listed subscriptions, then results. */
function service(listed: { node: string; jid: string; subid?: string }[], refuse: string[] = []) {
  const asked: string[] = [];
  const request = (stanza: Element): Promise<Element> => {
    const action = stanza.getElementsByTagName('pubsub')[0]?.firstElementChild;
    const kind = action?.localName ?? 'ping';
    const node = action?.getAttribute('node') ?? '';
    asked.push(node ? `${kind} ${node}` : kind);
    if (kind === 'subscribe' && refuse.includes(node)) {
      return Promise.reject(new IqError('forbidden', false));
    }
    const answer = $iq({ type: 'result' }).c('pubsub', { xmlns: NS }).c('subscriptions');
    if (kind === 'subscriptions') {
      for (const s of listed) answer.c('subscription', { subscription: 'subscribed', ...s }).up();
    }
    return Promise.resolve(answer.tree());
  };
  return { request, asked };
}

/** One live connection's subscriptions, as the client makes them once bound. */
const connectionOf = (registry: Registry, request: (stanza: Element) => Promise<Element>) =>
  createNodeSubscriptions({ registry, service: SERVICE, jid: JID, request, isEnded: () => false });

function listener(explicit = true) {
  const told = { subscribed: 0, refused: [] as (string | null)[] };
  const registration: Registration = {
    onPayload: () => {},
    explicit,
    onRefused: (condition) => told.refused.push(condition),
    onSubscribed: () => {
      told.subscribed += 1;
    },
    announcedOn: null,
  };
  return { registration, told };
}

describe('subscriptions', () => {
  it('keeps its own listed subscription, removes a duplicate and one nobody wants', async () => {
    const registry = createRegistry(() => {});
    const team = listener();
    registry.register(TEAM, team.registration);
    const { request, asked } = service([
      { node: TEAM, jid: JID, subid: 'a' },
      { node: TEAM, jid: JID, subid: 'b' },
      { node: OTHER, jid: JID, subid: 'c' },
      { node: OTHER, jid: '2001@finesse.example/desktop', subid: 'd' },
    ]);
    const subscriptions = connectionOf(registry, request);
    await subscriptions.setUp();
    expect(subscriptions.synced).toBe(true);
    expect(asked).toEqual(['subscriptions', `unsubscribe ${TEAM}`, `unsubscribe ${OTHER}`]);
    expect(subscriptions.held()).toEqual([{ node: TEAM, subid: 'a' }]);
    expect(team.told.subscribed).toBe(1);
  });

  it('subscribes a wanted node, tells a refusal, and leaves a node no longer wanted', async () => {
    const registry = createRegistry(() => {});
    const team = listener();
    const other = listener();
    const leave = registry.register(TEAM, team.registration);
    registry.register(OTHER, other.registration);
    const { request, asked } = service([], [OTHER]);
    const subscriptions = connectionOf(registry, request);
    await subscriptions.setUp();
    expect(asked).toEqual(['subscriptions', `subscribe ${TEAM}`, `subscribe ${OTHER}`]);
    expect(other.told.refused).toEqual(['forbidden']);
    expect(team.told.subscribed).toBe(1);
    await subscriptions.settle(TEAM);
    expect(team.told.subscribed).toBe(1);
    leave();
    await subscriptions.settle(TEAM);
    expect(asked.at(-1)).toBe(`unsubscribe ${TEAM}`);
    expect(subscriptions.held()).toEqual([]);
  });

  it('wants nothing and delivers nothing once stopped; listen-only nodes are never subscribed', () => {
    const registry = createRegistry(() => {});
    const payloads: string[] = [];
    registry.register(TEAM, { ...listener().registration, onPayload: (p) => payloads.push(p) });
    registry.register(OTHER, listener(false).registration);
    expect(registry.wantedNodes()).toEqual([TEAM]);
    registry.deliver(TEAM, 'one');
    registry.stop();
    registry.deliver(TEAM, 'two');
    expect(payloads).toEqual(['one']);
    expect(registry.isWanted(TEAM)).toBe(false);
  });
});
