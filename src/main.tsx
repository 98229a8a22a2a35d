// Browser-tab entry: a supervisor's or agent's page served beside the gadget on the Finesse host.
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserApp } from './app/BrowserApp.tsx';
import { createQueryClient } from './app/queries.ts';
import { defaultTeamWorker } from './app/team/offThreadTeams.ts';
import { noChrome, type Host } from './host/host.ts';
import './styles.css';

const host: Host = {
  kind: 'browser',
  locale: navigator.language || 'en-US',
  // A tab has no server clock to compare with until SystemInfo is read; drift is taken as zero.
  clockDriftMs: 0,
  notifications: null,
  chrome: noChrome,
};

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={createQueryClient()}>
        <BrowserApp host={host} createTeamWorker={defaultTeamWorker} />
      </QueryClientProvider>
    </StrictMode>,
  );
}
