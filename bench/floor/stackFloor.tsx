// The stack floor: the least a gadget built on this project's required stack does — React DOM,
// TanStack Query and fast-xml-parser — for the floor gadget's one GET /User, the state and a
// Not Ready button.
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { XMLParser } from 'fast-xml-parser';
import { createRoot } from 'react-dom/client';
import { adjustHeight, onConnect } from './desktop.ts';

const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false });

function Floor({ userUrl, auth }: { userUrl: string; auth: string }) {
  const user = useQuery({
    queryKey: ['user', userUrl],
    queryFn: async () => {
      const response = await fetch(userUrl, { headers: { Authorization: auth } });
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

onConnect((userUrl, auth) => {
  createRoot(document.getElementById('root')!).render(
    <QueryClientProvider client={new QueryClient()}>
      <Floor userUrl={userUrl} auth={auth} />
    </QueryClientProvider>,
  );
  adjustHeight();
});
