// Browser-tab entry: a supervisor's or agent's page served beside the gadget on the Finesse host.
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserApp } from './app/BrowserApp.tsx';
import type { LinkOptions } from './app/live/useTabLive.ts';
import { createQueryClient } from './app/queries.ts';
import { defaultTeamWorker } from './app/team/worker/offThreadTeams.ts';
import { arrivalOf, type Arrival } from './host/otherNode.ts';
import { addEnglish } from './i18n/english.ts';
import { enTab } from './i18n/enTab.ts';
import { LanguageRoot } from './app/language/LanguageContext.tsx';
import { startLanguage, storedLanguage } from './i18n/language.ts';
import { createXmppNotifications } from './finesse/notifications/xmppNotifications.ts';
import { noChrome, type Host } from './host/host.ts';
import './styles.css';

// The tab's own English text, before anything is rendered or a language is started.
addEnglish(enTab);

const host: Host = {
  kind: 'browser',
  locale: navigator.language || 'en-US',
  // A tab has no server clock to compare with until SystemInfo is read; drift is taken as zero.
  clockDriftMs: 0,
  notifications: null,
  chrome: noChrome,
};

/**
 * Finesse's Notification Service over WebSocket on the page's own origin, at `/ws/` (Cisco's
 * NonGadgetSampleWithStropheAndWebsocket: `(ws|wss)://` + `window.location.host` + `/ws/`).
 * A `<meta name="finesse-notifications" content="wss://…/ws/">` in index.html overrides it.
 */
function notificationUrl(): string {
  const configured = document
    .querySelector('meta[name="finesse-notifications"]')
    ?.getAttribute('content')
    ?.trim();
  if (configured) return new URL(configured, location.href).href;
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws/`;
}

const createNotificationLink = (options: LinkOptions) =>
  createXmppNotifications({ ...options, url: notificationUrl() });

/** Opened by "Continue on …" from the other node: read once, then taken out of the address. */
function takeArrival(): Arrival | null {
  const arrival = arrivalOf(location.search);
  if (arrival) history.replaceState(history.state, '', `${location.pathname}${location.hash}`);
  return arrival;
}

const root = document.getElementById('root');
if (root) {
  const arrival = takeArrival();
  // The language remembered from the switch, else the browser's, in its order of preference.
  const storage = typeof localStorage === 'undefined' ? undefined : localStorage;
  const remembered = storedLanguage(storage);
  const browser = navigator.languages.length > 0 ? navigator.languages : [navigator.language];
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={createQueryClient()}>
        <LanguageRoot
          start={startLanguage(remembered ? [remembered, ...browser] : browser)}
          hostLocale={host.locale}
          switchable
          {...(storage ? { storage } : {})}
          render={() => (
            <BrowserApp
              host={host}
              createTeamWorker={defaultTeamWorker}
              createNotificationLink={createNotificationLink}
              {...(arrival ? { arrival } : {})}
            />
          )}
        />
      </QueryClientProvider>
    </StrictMode>,
  );
}
