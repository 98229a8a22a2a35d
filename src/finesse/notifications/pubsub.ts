// The XEP-0060 and XEP-0199 stanzas the notification client sends, and the answers it reads.
import { $iq, $pres } from 'strophe.js';

export const NS_PUBSUB = 'http://jabber.org/protocol/pubsub';
const NS_PING = 'urn:xmpp:ping';

/** One subscription as the pubsub service lists it. */
export interface Subscription {
  node: string;
  jid: string;
  /** 'subscribed', 'pending', 'unconfigured' or 'none' (XEP-0060 §5.6). */
  subscription: string;
  /** Present when the service allows several subscriptions of one JID to a node. */
  subid: string | null;
}

export const availablePresence = (): Element => $pres().tree();

/** XEP-0199 ping to the domain, as Cisco's sample does to keep the Openfire session alive. */
export const pingIq = (domain: string): Element =>
  $iq({ type: 'get', to: domain }).c('ping', { xmlns: NS_PING }).tree();

/** All subscriptions of this account on the service (XEP-0060 §5.6). */
export const subscriptionsIq = (service: string): Element =>
  $iq({ type: 'get', to: service }).c('pubsub', { xmlns: NS_PUBSUB }).c('subscriptions').tree();

export const subscribeIq = (service: string, node: string, jid: string): Element =>
  $iq({ type: 'set', to: service })
    .c('pubsub', { xmlns: NS_PUBSUB })
    .c('subscribe', { node, jid })
    .tree();

export const unsubscribeIq = (
  service: string,
  node: string,
  jid: string,
  subid: string | null,
): Element =>
  $iq({ type: 'set', to: service })
    .c('pubsub', { xmlns: NS_PUBSUB })
    .c('unsubscribe', subid === null ? { node, jid } : { node, jid, subid })
    .tree();

/** The `<subscription>` elements anywhere in an answer, read by local name. */
export function subscriptionsIn(answer: Element): Subscription[] {
  const subscriptions: Subscription[] = [];
  for (const element of Array.from(answer.getElementsByTagName('*'))) {
    if ((element.localName ?? element.nodeName) !== 'subscription') continue;
    const node = element.getAttribute('node');
    const jid = element.getAttribute('jid');
    if (!node || !jid) continue;
    subscriptions.push({
      node,
      jid,
      subscription: element.getAttribute('subscription') ?? 'subscribed',
      subid: element.getAttribute('subid') || null,
    });
  }
  return subscriptions;
}

/** The defined condition of an error answer (`item-not-found`, `forbidden`…), or null. */
export function errorCondition(answer: Element): string | null {
  for (const error of Array.from(answer.getElementsByTagName('*'))) {
    if ((error.localName ?? error.nodeName) !== 'error') continue;
    for (let node = error.firstChild; node !== null; node = node.nextSibling) {
      if (node.nodeType === 1 && (node as Element).localName !== 'text') {
        return (node as Element).localName ?? node.nodeName;
      }
    }
  }
  return null;
}

/**
 * Compares JIDs as XMPP does for our purposes: local part and domain without case, the resource
 * exactly (RFC 7622 keeps resources case-sensitive).
 */
export function sameJid(a: string, b: string): boolean {
  const split = (jid: string): [string, string] => {
    const slash = jid.indexOf('/');
    return slash < 0
      ? [jid.toLowerCase(), '']
      : [jid.slice(0, slash).toLowerCase(), jid.slice(slash)];
  };
  const [bareA, resourceA] = split(a);
  const [bareB, resourceB] = split(b);
  return bareA === bareB && resourceA === resourceB;
}
