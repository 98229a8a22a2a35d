// The stack floor: the least a gadget built on this project's required stack does — React DOM,
// TanStack Query and fast-xml-parser — for the floor gadget's one GET /User, the state and a
// Not Ready button.
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { XMLParser } from 'fast-xml-parser';
import { createRoot } from 'react-dom/client';

declare const gadgets: {
  HubSettings: { onConnect?: () => void };
  Prefs: new () => { getString(name: string): string };
  window: { adjustHeight(): void };
};
declare const finesse: { utilities: { Utilities: { getUserAuthString(): string } } };
declare const FLOOR_BASE: string;

const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false });

function Floor({ id, auth }: { id: string; auth: string }) {
  const user = useQuery({
    queryKey: ['user', id],
    queryFn: async () => {
      const response = await fetch(`${FLOOR_BASE}/finesse/api/User/${encodeURIComponent(id)}`, {
        headers: { Authorization: `Basic ${auth}` },
      });
      return parser.parse(await response.text()) as { User?: { state?: string } };
    },
  });
  if (!user.data) return <p>Loading…</p>;
  return (
    <>
      <p>State: {user.data.User?.state ?? '?'}</p>
      <button type="button">Not Ready</button>
    </>
  );
}

gadgets.HubSettings.onConnect = () => {
  const id = new gadgets.Prefs().getString('id');
  const auth = finesse.utilities.Utilities.getUserAuthString();
  createRoot(document.getElementById('root')!).render(
    <QueryClientProvider client={new QueryClient()}>
      <Floor id={id} auth={auth} />
    </QueryClientProvider>,
  );
  requestAnimationFrame(() => gadgets.window.adjustHeight());
};
