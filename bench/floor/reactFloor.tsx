// The React floor: the least a React gadget does — the floor gadget's one GET /User, with the
// state and a Not Ready button rendered by React DOM instead of by hand.
import { createRoot } from 'react-dom/client';
import { adjustHeight, onConnect } from './desktop.ts';

function Floor({ state }: { state: string }) {
  return (
    <>
      <p>State: {state}</p>
      <button type="button">Not Ready</button>
    </>
  );
}

onConnect((userUrl, auth) => {
  void fetch(userUrl, { headers: { Authorization: auth } })
    .then((response) => response.text())
    .then((text) => {
      const doc = new DOMParser().parseFromString(text, 'application/xml');
      const state = doc.getElementsByTagName('state')[0]?.textContent ?? '?';
      createRoot(document.getElementById('root')!).render(<Floor state={state} />);
      adjustHeight();
    });
});
