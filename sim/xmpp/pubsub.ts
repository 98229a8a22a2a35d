// Pubsub (XEP-0060) on the simulated Notification Service: nodes, who may subscribe, and the
// subscriptions themselves (kept on the node until unsubscribed, as Openfire and Prosody do).
import { randomUUID } from 'node:crypto';
import { hasRole, type Model, type User } from '../model.ts';
import { SYSTEM_INFO_NODE } from '../xml.ts';

export const USER_NODE = /^\/finesse\/api\/User\/([^/]+)$/;
export const TEAM_USERS_NODE = /^\/finesse\/api\/Team\/([^/]+)\/Users$/;

export interface Subscription {
  node: string;
  /** Bare JID (every online resource) or full JID (that resource only), as subscribed. */
  jid: string;
  subid: string;
  since: string;
}

export type SubscribeCheck =
  { ok: true } | { ok: false; condition: 'forbidden' | 'item-not-found' };

/**
 * Who may subscribe to a node (the user's own node is subscribed automatically anyway).
 * Decisions, no source says what Finesse does:
 *  - `/finesse/api/Team/{id}/Users`: only a supervisor of that team; anyone else
 *    `<forbidden/>` (as REST refuses them the team), an administrator included.
 *  - `/finesse/api/User/{id}`: only that user; anyone else `<forbidden/>`.
 *  - Nodes of unknown users, and any other node name: `<item-not-found/>`.
 */
export function maySubscribe(model: Model, user: User, node: string): SubscribeCheck {
  // Every user is subscribed to SystemInfo automatically (failover.md); decision: an explicit
  // subscription is accepted too, like one to the user's own node, and events are not doubled.
  if (node === SYSTEM_INFO_NODE) return { ok: true };
  const team = TEAM_USERS_NODE.exec(node);
  if (team) {
    const teamId = decodeURIComponent(team[1] ?? '');
    return hasRole(user, 'Supervisor') && user.supervisedTeamIds.includes(teamId)
      ? { ok: true }
      : { ok: false, condition: 'forbidden' };
  }
  const userNode = USER_NODE.exec(node);
  if (userNode) {
    const id = decodeURIComponent(userNode[1] ?? '');
    if (!model.users.has(id)) return { ok: false, condition: 'item-not-found' };
    return id === user.loginId ? { ok: true } : { ok: false, condition: 'forbidden' };
  }
  return { ok: false, condition: 'item-not-found' };
}

export const bareJid = (jid: string): string => {
  const slash = jid.indexOf('/');
  return slash < 0 ? jid : jid.slice(0, slash);
};

/**
 * JIDs as compared here: local part and domain case-insensitive (the sim's login ids are
 * digits and its domains ASCII), resource exact.
 */
export function normaliseJid(jid: string): string {
  const bare = bareJid(jid);
  const resource = jid.length > bare.length ? jid.slice(bare.length) : '';
  return bare.toLowerCase() + resource;
}

export class SubscriptionStore {
  private readonly byNode = new Map<string, Subscription[]>();

  /** The existing subscription for this node and JID, or a new one. */
  subscribe(node: string, jid: string): Subscription {
    const list = this.byNode.get(node) ?? [];
    const key = normaliseJid(jid);
    const existing = list.find((s) => normaliseJid(s.jid) === key);
    if (existing) return existing;
    const created: Subscription = {
      node,
      jid,
      subid: randomUUID(),
      since: new Date().toISOString(),
    };
    list.push(created);
    this.byNode.set(node, list);
    return created;
  }

  /** Removes the subscription of exactly this JID (bare or full) on the node. */
  unsubscribe(
    node: string,
    jid: string,
    subid?: string,
  ): 'removed' | 'not-subscribed' | 'bad-subid' {
    const list = this.byNode.get(node) ?? [];
    const key = normaliseJid(jid);
    const index = list.findIndex((s) => normaliseJid(s.jid) === key);
    const found = list[index];
    if (!found) return 'not-subscribed';
    if (subid !== undefined && subid !== found.subid) return 'bad-subid';
    list.splice(index, 1);
    if (list.length === 0) this.byNode.delete(node);
    return 'removed';
  }

  /** On one node. */
  onNode(node: string): Subscription[] {
    return [...(this.byNode.get(node) ?? [])];
  }

  /** Every subscription whose JID belongs to this bare JID (bare or any of its resources). */
  ofAccount(bare: string, node?: string): Subscription[] {
    const key = normaliseJid(bare);
    return this.all().filter(
      (s) => normaliseJid(bareJid(s.jid)) === key && (node === undefined || s.node === node),
    );
  }

  all(): Subscription[] {
    return [...this.byNode.values()].flat();
  }

  clear(): void {
    this.byNode.clear();
  }
}
