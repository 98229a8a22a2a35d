// The React floor: the least a React gadget does — the floor gadget's one GET /User, with the
// state and a Not Ready button rendered by React DOM instead of by hand.
import { createRoot } from 'react-dom/client';

declare const gadgets: {
  HubSettings: { onConnect?: () => void };
  Prefs: new () => { getString(name: string): string };
  window: { adjustHeight(): void };
};
declare const finesse: { utilities: { Utilities: { getUserAuthString(): string } } };
declare const FLOOR_BASE: string;

function Floor({ state }: { state: string }) {
  return (
    <>
      <p>State: {state}</p>
      <button type="button">Not Ready</button>
    </>
  );
}

gadgets.HubSettings.onConnect = () => {
  const id = new gadgets.Prefs().getString('id');
  const auth = finesse.utilities.Utilities.getUserAuthString();
  void fetch(`${FLOOR_BASE}/finesse/api/User/${encodeURIComponent(id)}`, {
    headers: { Authorization: `Basic ${auth}` },
  })
    .then((response) => response.text())
    .then((text) => {
      const doc = new DOMParser().parseFromString(text, 'application/xml');
      const state = doc.getElementsByTagName('state')[0]?.textContent ?? '?';
      createRoot(document.getElementById('root')!).render(<Floor state={state} />);
      requestAnimationFrame(() => gadgets.window.adjustHeight());
    });
};
