// Hands the Finesse client, the host and the session down from the entry; nothing below asks where it runs.
import { createContext, useContext, type ReactNode } from 'react';
import type { FinesseClient } from '../finesse/client.ts';
import type { Host, Session } from '../host/host.ts';

export interface FinesseEnv {
  client: FinesseClient;
  host: Host;
  session: Session;
}

const FinesseContext = createContext<FinesseEnv | null>(null);

export function FinesseProvider({ value, children }: { value: FinesseEnv; children: ReactNode }) {
  return <FinesseContext.Provider value={value}>{children}</FinesseContext.Provider>;
}

export function useFinesse(): FinesseEnv {
  const env = useContext(FinesseContext);
  if (!env) throw new Error('useFinesse() outside <FinesseProvider>');
  return env;
}

/** Where the product runs, or null outside a provider (the tab's sign-in form). */
export function useHostKind(): Host['kind'] | null {
  return useContext(FinesseContext)?.host.kind ?? null;
}
