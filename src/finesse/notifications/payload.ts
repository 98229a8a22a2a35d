// Reads Finesse notifications out of an XMPP pubsub event message: (node, Update XML) pairs.
import { Strophe } from 'strophe.js';

export interface Notification {
  /** The pubsub node the item was published to, e.g. '/finesse/api/User/1001'. */
  node: string;
  /** The Update document as XML text, ready for the one Update parser (../update.ts). */
  payload: string;
}

const ELEMENT_NODE = 1;

/** Element children whose local name is `name`: namespaces are not checked (see below). */
function childrenNamed(parent: Element, name: string): Element[] {
  const found: Element[] = [];
  for (let node = parent.firstChild; node !== null; node = node.nextSibling) {
    if (node.nodeType !== ELEMENT_NODE) continue;
    const element = node as Element;
    // localName: a prefixed element (`<ps:notification>`) is the same element to us.
    if ((element.localName ?? element.nodeName) === name) found.push(element);
  }
  return found;
}

/**
 * The Update carried by one `<notification>`. Finesse sends it XML-escaped, so the DOM holds it
 * as text and textContent is the decoded document; the guide also says to accept it as a child
 * element, which is then serialized back to text. Null when the notification is empty.
 */
export function notificationPayload(notification: Element): string | null {
  const element = firstElement(notification);
  if (element !== null) return Strophe.serialize(element);
  const text = (notification.textContent ?? '').trim();
  return text === '' ? null : text;
}

/** The first element child; whitespace around it (a pretty-printed payload) is not content. */
function firstElement(parent: Element): Element | null {
  for (let node = parent.firstChild; node !== null; node = node.nextSibling) {
    if (node.nodeType === ELEMENT_NODE) return node as Element;
  }
  return null;
}

/**
 * Every notification in a pubsub event message, in document order:
 * message > event > items[node] > item > notification. Only local names are matched:
 * notifications.md says not to depend on the namespace of `<notification>`, and Openfire and
 * Prosody differ in which elements they qualify. Retractions, purges and other event kinds
 * carry no notification and yield nothing.
 */
export function notificationsOf(message: Element): Notification[] {
  const notifications: Notification[] = [];
  for (const event of childrenNamed(message, 'event')) {
    for (const items of childrenNamed(event, 'items')) {
      const node = items.getAttribute('node');
      if (!node) continue;
      for (const item of childrenNamed(items, 'item')) {
        for (const notification of childrenNamed(item, 'notification')) {
          const payload = notificationPayload(notification);
          if (payload !== null) notifications.push({ node, payload });
        }
      }
    }
  }
  return notifications;
}
