// What a floor gadget takes from the desktop: the Shindig and finesse.js globals it calls, and
// HubSettings.onConnect (Cisco: a gadget starts its Finesse work there).
declare const gadgets: {
  HubSettings: { onConnect?: () => void };
  Prefs: new () => { getString(name: string): string };
  window: { adjustHeight(): void };
};
declare const finesse: { utilities: { Utilities: { getUserAuthString(): string } } };
/** The simulated Finesse's origin, defined by bench/cold.ts's build. */
declare const FLOOR_BASE: string;

/** Calls `start` in onConnect with the user's GET /User URL and Basic credentials. */
export function onConnect(start: (userUrl: string, auth: string) => void): void {
  gadgets.HubSettings.onConnect = () => {
    const id = new gadgets.Prefs().getString('id');
    const auth = `Basic ${finesse.utilities.Utilities.getUserAuthString()}`;
    start(`${FLOOR_BASE}/finesse/api/User/${encodeURIComponent(id)}`, auth);
  };
}

/** Resizes the gadget's frame to its content, in the next frame. */
export function adjustHeight(): void {
  requestAnimationFrame(() => gadgets.window.adjustHeight());
}
