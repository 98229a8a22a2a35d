// Subscription bookkeeping: who listens to which node, and one connection's pubsub subscriptions
// read, settled to match, announced and refused; it talks to the server only through `request`.
import { safely } from '../../utils/listeners.ts';
import { ignoreRefusal, IqError } from './iq.ts';
import { sameJid, subscribeIq, subscriptionsIn, subscriptionsIq, unsubscribeIq } from './pubsub.ts';

export interface Registration {
  onPayload: (payload: string) => void;
  /** Subscribed explicitly (a team); otherwise a node Finesse subscribes the user to itself. */
  explicit: boolean;
  onRefused: ((condition: string | null) => void) | undefined;
  onSubscribed: (() => void) | undefined;
  /** The connection on which onSubscribed was last called. */
  announcedOn: object | null;
}

/** The listeners of every node, across connections. */
export interface Registry {
  /** Adds a listener; `onWantsChanged` is told when an explicit one joins or leaves. */
  register(node: string, registration: Registration): () => void;
  isWanted(node: string): boolean;
  wantedNodes(): string[];
  /** The node's listeners as they are now (a copy: listeners may leave while being told). */
  registrationsOf(node: string): Registration[];
  deliver(node: string, payload: string): void;
  /** From here on nothing is wanted or delivered. */
  stop(): void;
}

export function createRegistry(onWantsChanged: (node: string) => void): Registry {
  const registrations = new Map<string, Set<Registration>>();
  let stopped = false;

  function isWanted(node: string): boolean {
    if (stopped) return false;
    for (const registration of registrations.get(node) ?? []) {
      if (registration.explicit) return true;
    }
    return false;
  }

  return {
    register(node, registration) {
      let set = registrations.get(node);
      if (!set) {
        set = new Set();
        registrations.set(node, set);
      }
      const mine = set;
      mine.add(registration);
      if (registration.explicit) onWantsChanged(node);
      let left = false;
      return () => {
        if (left) return;
        left = true;
        mine.delete(registration);
        if (mine.size === 0 && registrations.get(node) === mine) registrations.delete(node);
        if (registration.explicit) onWantsChanged(node);
      };
    },
    isWanted,
    wantedNodes: () => [...registrations.keys()].filter(isWanted),
    registrationsOf: (node) => [...(registrations.get(node) ?? [])],
    deliver(node, payload) {
      if (stopped) return;
      for (const registration of [...(registrations.get(node) ?? [])]) {
        safely(() => registration.onPayload(payload));
      }
    },
    stop() {
      stopped = true;
    },
  };
}

/** What one connection knows of its subscription to one node. */
interface NodeState {
  subscribed: boolean;
  subid: string | null;
  /** Refused on this connection: not asked again until the node is left and wanted anew. */
  refused: boolean;
  /** The subscribe/unsubscribe exchange in progress, if any. */
  settling: Promise<void> | null;
}

/** One connection's subscriptions. */
export interface NodeSubscriptions {
  /** The existing subscriptions were read: nodes can be settled one by one from here on. */
  readonly synced: boolean;
  /** Reads the existing subscriptions, then settles every node known or wanted. */
  setUp(): Promise<void>;
  /**
   * Brings one node's subscription in line with what the listeners want. Rejects (the
   * connection is then treated as dropped) only when the server does not answer.
   */
  settle(node: string): Promise<void>;
  /** Nodes subscribed or being settled: to unsubscribe when the connection is stopped. */
  held(): { node: string; subid: string | null }[];
}

export interface NodeSubscriptionsOptions {
  registry: Registry;
  /** The pubsub service's JID. */
  service: string;
  /** This connection's bound full JID. */
  jid: string;
  request: (stanza: Element) => Promise<Element>;
  /** The connection ended: nothing more is asked. */
  isEnded: () => boolean;
}

export function createNodeSubscriptions(options: NodeSubscriptionsOptions): NodeSubscriptions {
  const { registry, service, jid, request, isEnded } = options;
  const nodes = new Map<string, NodeState>();
  let synced = false;
  const self: NodeSubscriptions = {
    get synced() {
      return synced;
    },
    setUp,
    settle,
    held: () =>
      [...nodes]
        .filter(([, state]) => state.subscribed || state.settling)
        .map(([node, state]) => ({ node, subid: state.subid })),
  };

  function nodeState(node: string): NodeState {
    let state = nodes.get(node);
    if (!state) {
      state = { subscribed: false, subid: null, refused: false, settling: null };
      nodes.set(node, state);
    }
    return state;
  }

  async function setUp(): Promise<void> {
    await readSubscriptions();
    const all = new Set([...nodes.keys(), ...registry.wantedNodes()]);
    await Promise.all([...all].map((node) => settle(node)));
  }

  /**
   * Reads this account's subscriptions and keeps those of this connection's full JID. Stale,
   * and so removed by settle(), is a subscription of exactly this full JID to a node no listener
   * wants now: it was left by an earlier connection of this client (a node left while the
   * connection was down, a crash or an unload that could not unsubscribe), and subscriptions
   * persist on the node. A second subscription of this JID to a wanted node (XEP-0060 lets a
   * service keep several, each with its own subid) is stale too: it would deliver every Update twice.
   * Subscriptions of the bare JID or of other resources are never touched: Finesse's automatic
   * subscriptions, the agent's desktop and the user's other tabs hold those, and we cannot tell
   * a live holder from a gone one.
   */
  async function readSubscriptions(): Promise<void> {
    let listed: ReturnType<typeof subscriptionsIn> = [];
    try {
      listed = subscriptionsIn(await request(subscriptionsIq(service)));
    } catch (error) {
      // A service that cannot list (an error answer) still lets us subscribe; silence is a drop.
      if (!(error instanceof IqError) || error.timedOut) throw error;
    }
    const duplicates: typeof listed = [];
    for (const listing of listed) {
      if (!sameJid(listing.jid, jid) || listing.subscription === 'none') continue;
      const state = nodeState(listing.node);
      if (state.subscribed) {
        duplicates.push(listing);
      } else {
        state.subscribed = true;
        state.subid = listing.subid;
      }
    }
    synced = true;
    await Promise.all(
      duplicates
        .filter((d) => d.subid !== null)
        .map((d) => request(unsubscribeIq(service, d.node, d.jid, d.subid)).catch(ignoreRefusal)),
    );
  }

  /** One exchange at a time; wants that change meanwhile are picked up by the loop. */
  function settle(node: string): Promise<void> {
    const state = nodeState(node);
    if (state.settling) return state.settling;
    const run = async (): Promise<void> => {
      for (;;) {
        if (isEnded()) return;
        const wanted = registry.isWanted(node);
        if (!wanted) state.refused = false;
        if (wanted && !state.subscribed && !state.refused) {
          try {
            // The full JID: Updates for this subscription go to this tab only, and it is this
            // tab's to remove. A bare-JID subscription would reach every resource of the user,
            // the desktop included, and outlive this tab with no owner to clean it up.
            const answer = await request(subscribeIq(service, node, jid));
            state.subscribed = true;
            state.subid = subscriptionsIn(answer)[0]?.subid ?? null;
          } catch (error) {
            if (!(error instanceof IqError) || error.timedOut) throw error;
            state.refused = true;
            refused(node, error.condition);
          }
        } else if (!wanted && state.subscribed) {
          // A refusal here (not subscribed, item-not-found) means it is gone anyway.
          await request(unsubscribeIq(service, node, jid, state.subid)).catch(ignoreRefusal);
          state.subscribed = false;
          state.subid = null;
        } else {
          if (wanted && state.subscribed) announceSubscribed(node);
          return;
        }
      }
    };
    state.settling = run().finally(() => {
      state.settling = null;
    });
    return state.settling;
  }

  function announceSubscribed(node: string): void {
    for (const registration of registry.registrationsOf(node)) {
      const onSubscribed = registration.onSubscribed;
      if (!registration.explicit || registration.announcedOn === self || !onSubscribed) continue;
      registration.announcedOn = self;
      safely(onSubscribed);
    }
  }

  function refused(node: string, condition: string | null): void {
    for (const registration of registry.registrationsOf(node)) {
      const onRefused = registration.onRefused;
      if (registration.explicit && onRefused) safely(() => onRefused(condition));
    }
  }

  return self;
}
