// The container APIs one gadget frame sees (Shindig's feature JavaScript, simulated): gadgets.Prefs,
// HubSettings.onConnect, Hub, window.adjustHeight/setTitle, loadingindicator. Only the features
// the gadget.xml asks for are installed, so a gadget that forgets a <Require> fails here as in Finesse.
import type { Hub } from './hub.ts';

export interface FrameServices {
  frameId: string;
  /** Required and optional features this desktop provides. */
  features: readonly string[];
  prefs: Record<string, string>;
  hub: Hub;
  /** Resize the frame; no height = measure the content (ignored while the frame is hidden). */
  adjustHeight(height?: number): void;
  setTitle(title: string): void;
  dismissLoadingIndicator(): void;
}

type OnData = (topic: string, data: unknown, subscriberData?: unknown) => void;
type OnComplete = (subscriptionId: string, success: boolean, error?: string) => void;

/** Installs `gadgets` into the gadget's window; calls HubSettings.onConnect after the page loaded. */
export function installGadgetApis(win: Window, services: FrameServices): void {
  const has = (name: string) => services.features.includes(name);
  const { hub, frameId, prefs } = services;
  // Publications cross into the gadget's realm as a copy, like OpenAjax's postMessage transport.
  const copyIn = (data: unknown): unknown => {
    try {
      return (win as Window & typeof globalThis).structuredClone(data);
    } catch {
      return data;
    }
  };

  class Prefs {
    getString(name: string): string {
      return prefs[name] ?? '';
    }
    getInt(name: string): number {
      const n = parseInt(prefs[name] ?? '', 10);
      return Number.isFinite(n) ? n : 0;
    }
    getBool(name: string): boolean {
      return (prefs[name] ?? '').toLowerCase() === 'true';
    }
    getArray(name: string): string[] {
      const value = prefs[name] ?? '';
      return value === '' ? [] : value.split('|');
    }
  }
  // Feature `setprefs` adds Prefs.prototype.set (Shindig stores the value for the gadget); without
  // it there is no `set`, and finesse.js's call to it fails as it would in Finesse.
  if (has('setprefs')) {
    Object.defineProperty(Prefs.prototype, 'set', {
      value(name: string, value: unknown) {
        prefs[String(name)] = value === null || value === undefined ? '' : String(value);
      },
    });
  }

  const gadgets: Record<string, unknown> = {
    Prefs,
    util: {
      registerOnLoadHandler: (fn: () => void) => win.addEventListener('load', () => fn()),
    },
  };
  const gadgetWindow: Record<string, unknown> = {};
  gadgets.window = gadgetWindow;

  if (has('pubsub-2')) {
    const HubSettings: { onConnect?: () => void } = {};
    gadgets.HubSettings = HubSettings;
    let connected = false;
    gadgets.Hub = {
      subscribe(
        topic: string,
        onData: OnData,
        scope?: unknown,
        onComplete?: OnComplete,
        subscriberData?: unknown,
      ): string {
        const id = hub.subscribe(
          topic,
          (t, data) => onData.call(scope ?? win, t, copyIn(data), subscriberData),
          frameId,
        );
        if (onComplete) setTimeout(() => onComplete.call(scope ?? win, id, true), 0);
        return id;
      },
      unsubscribe(id: string, onComplete?: OnComplete, scope?: unknown) {
        hub.unsubscribe(id);
        if (onComplete) setTimeout(() => onComplete.call(scope ?? win, id, true), 0);
      },
      publish(topic: string, data: unknown) {
        hub.publish(topic, data);
      },
      isConnected: () => connected,
    };
    // Shindig connects the hub client after the gadget's page has loaded, then calls onConnect.
    win.addEventListener('load', () => {
      setTimeout(() => {
        connected = true;
        HubSettings.onConnect?.();
      }, 0);
    });
  }
  if (has('dynamic-height')) {
    gadgetWindow.adjustHeight = (height?: number) => services.adjustHeight(height);
  }
  if (has('settitle')) {
    gadgetWindow.setTitle = (title: string) => services.setTitle(String(title));
  }
  if (has('loadingindicator')) {
    gadgets.loadingindicator = { dismiss: () => services.dismissLoadingIndicator() };
  }
  (win as unknown as { gadgets: unknown }).gadgets = gadgets;
}
