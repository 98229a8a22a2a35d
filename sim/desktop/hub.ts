// The simulated desktop's OpenAjax hub: topics, subscriptions owned by a gadget frame, publishing.
// Topic matching follows OpenAjax Hub 2.0: `*` matches one dot-separated token, `**` the rest.

export type HubCallback = (topic: string, data: unknown) => void;

interface Subscription {
  id: string;
  topic: string;
  owner: string;
  callback: HubCallback;
}

export function topicMatches(pattern: string, topic: string): boolean {
  const want = pattern.split('.');
  const have = topic.split('.');
  for (let i = 0; i < want.length; i++) {
    const token = want[i];
    if (token === '**') return have.length > i;
    if (i >= have.length) return false;
    if (token !== '*' && token !== have[i]) return false;
  }
  return want.length === have.length;
}

export class Hub {
  private subscriptions = new Map<string, Subscription>();
  private nextId = 1;

  constructor(private readonly onCallbackError: (topic: string, error: unknown) => void) {}

  subscribe(topic: string, callback: HubCallback, owner: string): string {
    const id = `${owner}#${this.nextId++}`;
    this.subscriptions.set(id, { id, topic, owner, callback });
    return id;
  }

  unsubscribe(id: string): void {
    this.subscriptions.delete(id);
  }

  /** A gadget frame went away (reloaded, signed out): its subscriptions go with it. */
  unsubscribeOwner(owner: string): void {
    for (const [id, subscription] of this.subscriptions) {
      if (subscription.owner === owner) this.subscriptions.delete(id);
    }
  }

  /** Delivers to every matching subscriber; one failing gadget does not stop the others. */
  publish(topic: string, data: unknown): number {
    let delivered = 0;
    for (const subscription of [...this.subscriptions.values()]) {
      if (!topicMatches(subscription.topic, topic)) continue;
      delivered += 1;
      try {
        subscription.callback(topic, data);
      } catch (error) {
        this.onCallbackError(topic, error);
      }
    }
    return delivered;
  }

  subscriberCount(topic: string): number {
    return [...this.subscriptions.values()].filter((s) => topicMatches(s.topic, topic)).length;
  }
}
