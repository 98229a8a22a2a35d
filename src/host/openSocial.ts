// Typed view of the globals the Finesse desktop (OpenSocial 1.1 on Shindig) gives a gadget: the
// whole desktop surface this product uses, in one place. Found and checked at run time, never cast.

/** `new gadgets.Prefs()`: the desktop passes finesse.gadget.Config's values as user prefs. */
export interface GadgetPrefs {
  getString(name: string): string;
  getInt(name: string): number;
}

/** OpenAjax Hub 2.0 client (feature `pubsub-2`). */
export interface GadgetHub {
  /** Returns the subscription id; `onData(topic, data)` is called for every publication. */
  subscribe(topic: string, onData: (topic: string, data: unknown) => void): string;
  unsubscribe(subscriptionId: string): void;
  publish(topic: string, data: unknown): void;
}

export interface GadgetsGlobal {
  Prefs: new () => GadgetPrefs;
  /** `onConnect` is called once the gadget is joined to the desktop's hub: start from there. */
  HubSettings: { onConnect?: () => void };
  Hub: GadgetHub;
  /** Feature `dynamic-height` (adjustHeight) and `settitle` (setTitle). */
  window: { adjustHeight(height?: number): void; setTitle?(title: string): void };
  /** Feature `loadingindicator` with manual-dismiss. */
  loadingindicator?: { dismiss(): void };
}

/** The fields of `finesse.gadget.Config` the gadget reads (all strings, as gadgets.Prefs gives them). */
export interface FinesseGadgetConfig {
  id?: string;
  authorization?: string;
  authToken?: string;
  systemAuthMode?: string;
  locale?: string;
  clientDriftInMillis?: number | string;
}

/**
 * `finesse.utilities.Utilities` of the desktop's own finesse.js, where the credentials live:
 * `getUserAuthString()` returns base64(id:password) from the desktop page's sessionStorage
 * (finesse-10.5.1.js `Utilities.getUserAuthString`); `getToken()` the current SSO access token
 * (finesse.js 12.x, in its type definitions; absent from 10.5). Both may be missing.
 */
export interface FinesseUtilities {
  getUserAuthString?: () => unknown;
  getToken?: () => unknown;
}

/** What the gadget finds in its window when the desktop renders it. */
export interface DesktopGlobals {
  gadgets: GadgetsGlobal;
  /** `finesse.gadget.Config`: defined by the desktop's finesse.js (11.5 on) or the gadget; often absent. */
  finesseConfig: () => FinesseGadgetConfig | null;
  /** The desktop's finesse.js utilities, when finesse.js is loaded. */
  finesseUtilities: () => FinesseUtilities | null;
  /** An item of the (desktop-shared) sessionStorage; null when absent or storage is refused. */
  sessionItem: (key: string) => string | null;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  (typeof value === 'object' || typeof value === 'function') && value !== null;

const isFunction = (value: unknown): value is (...args: never[]) => unknown =>
  typeof value === 'function';

/** Hub topics, as the desktop names them. */
export const topics = {
  /** `/finesse/api/User/1001` → `finesse.api.User.1001`: the node's path, `/` → `.`. */
  forNode: (node: string) => node.replace(/^\/+/, '').replaceAll('/', '.'),
  connection: 'finesse.info.connection',
  /** Requests to the desktop's master publisher, e.g. ConnectionInfoReq (finesse-10.5.1.js `Topics.REQUESTS`). */
  requests: 'finesse.info.requests',
  /** finesse.js ContainerServices.Topics.ACTIVE_TAB: a desktop tab was made active. */
  activeTab: 'finesse.containerservices.activeTab',
} as const;

/**
 * The container globals of `win`, or null when the page is not rendered by a gadget container
 * (or the required features are missing).
 */
export function findDesktopGlobals(win: object): DesktopGlobals | null {
  const scope = win as Record<string, unknown>;
  const gadgets = scope.gadgets;
  if (!isObject(gadgets)) return null;
  const { Prefs, HubSettings, Hub, window: gadgetWindow } = gadgets;
  if (
    !isFunction(Prefs) ||
    !isObject(HubSettings) ||
    !isObject(Hub) ||
    !isFunction(Hub.subscribe) ||
    !isFunction(Hub.unsubscribe) ||
    !isFunction(Hub.publish) ||
    !isObject(gadgetWindow) ||
    !isFunction(gadgetWindow.adjustHeight)
  ) {
    return null;
  }
  return {
    gadgets: gadgets as unknown as GadgetsGlobal,
    finesseConfig: () => {
      const finesse = scope.finesse;
      const gadget = isObject(finesse) ? finesse.gadget : undefined;
      const config = isObject(gadget) ? gadget.Config : undefined;
      return isObject(config) ? (config as FinesseGadgetConfig) : null;
    },
    finesseUtilities: () => {
      const finesse = scope.finesse;
      const utilities = isObject(finesse) ? finesse.utilities : undefined;
      const found = isObject(utilities) ? utilities.Utilities : undefined;
      return isObject(found) ? (found as FinesseUtilities) : null;
    },
    sessionItem: (key) => {
      try {
        const storage = scope.sessionStorage as Storage | undefined;
        return storage?.getItem(key) ?? null;
      } catch {
        // A sandboxed or storage-less frame throws on access: the same as nothing stored.
        return null;
      }
    },
  };
}
