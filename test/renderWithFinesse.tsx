// Test utilities in one place: a real simulated Finesse over loopback, and components rendered
// with the real client and query cache pointed at it.
import { QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startSim, type Simulator } from '../sim/server.ts';
import { FinesseProvider } from '../src/app/finesseContext.tsx';
import { createQueryClient } from '../src/app/queries.ts';
import { basicAuth, createFinesseClient, type Auth } from '../src/finesse/client.ts';
import { noChrome, type Host } from '../src/host/host.ts';

export const browserHost: Host = {
  kind: 'browser',
  locale: 'en-US',
  clockDriftMs: 0,
  notifications: null,
  chrome: noChrome,
};

export interface SimContext {
  url: string;
  sim: Simulator;
}

/** Starts one simulator for the file, resets it to seed before each test. */
export function simulatorForEachTest(): SimContext {
  const context = {} as SimContext;
  let close: (() => Promise<void>) | null = null;
  beforeAll(async () => {
    const started = await startSim({ port: 0 });
    context.url = started.url;
    context.sim = started.sim;
    close = started.close;
  });
  afterEach(() => {
    context.sim?.reset();
  });
  afterAll(async () => {
    await close?.();
  });
  return context;
}

export function renderWithFinesse(
  ui: ReactNode,
  options: { url: string; userId: string; auth?: Auth; host?: Host },
) {
  const auth = options.auth ?? basicAuth(options.userId, 'demo');
  const client = createFinesseClient({ baseUrl: options.url, getAuth: () => auth });
  const queryClient = createQueryClient();
  const session = { userId: options.userId, getAuth: () => auth };
  const result = render(
    <QueryClientProvider client={queryClient}>
      <FinesseProvider value={{ client, host: options.host ?? browserHost, session }}>
        {ui}
      </FinesseProvider>
    </QueryClientProvider>,
  );
  return { ...result, client, queryClient };
}
