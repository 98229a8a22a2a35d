// Gadget entry (named by gadget.xml): starts its first reads at once, then renders the state
// control with the desktop as host when the desktop's hub is ready. The build bundles this into
// one classic script for Shindig.
import '@vitejs/plugin-react/preamble';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { GadgetApp, GadgetProblem } from './app/GadgetApp.tsx';
import { createQueryClient, reasonCodesQuery, systemInfoQuery, userQuery } from './app/queries.ts';
import { followUser } from './app/live/useLiveUser.ts';
import { createFinesseClient, type FinesseClient } from './finesse/client.ts';
import { recordScriptUrl } from './i18n/catalogues.ts';
import { LanguageRoot } from './app/language/LanguageContext.tsx';
import { startLanguage, type LanguageState } from './i18n/language.ts';
import { createDesktopHost, readAuth, readConfig, whenHubConnected } from './host/desktop.ts';
import { noChrome, type Chrome } from './host/host.ts';
import { findDesktopGlobals, type DesktopGlobals } from './host/openSocial.ts';
import { t } from './i18n/messages.ts';
import './styles.css';

// User Timing marks, for a trace of the gadget's start (DevTools Performance; bench/cold.ts).
performance.mark('agent-state: script');
// Now, while this classic script runs: catalogues are looked for beside it (src/i18n/catalogues.ts).
recordScriptUrl(
  document.currentScript instanceof HTMLScriptElement ? document.currentScript.src : null,
);

/** How long the first screen waits for the user's read before it shows "Loading…" instead. */
const FIRST_SCREEN_GRACE_MS = 200;
/** How long the answers the first screen does not need wait for it, at most. */
const FIRST_SCREEN_LATEST_MS = 2000;

const element = document.getElementById('root');
const globals = findDesktopGlobals(window);

/** Runs `run` once the render it is part of has been committed (and, as a rule, painted). */
function AfterCommit({ run }: { run: () => void }) {
  useEffect(run, [run]);
  return null;
}

function showProblem(container: HTMLElement, message: string, chrome: Chrome) {
  createRoot(container).render(<GadgetProblem message={message} chrome={chrome} />);
}

if (element && !globals) {
  const shown = element;
  void startLanguage(navigator.languages).then(() =>
    showProblem(shown, t('gadget.outsideDesktop'), noChrome),
  );
} else if (element && globals) {
  start(element, globals);
}

/**
 * Reads at once, renders when the hub is ready. As soon as this script runs the desktop's
 * finesse.js has run (gadget.xml loads it first), so the user, credentials and locale are
 * readable: the language and the reads that no notification replaces (SystemInfo, both reason
 * lists) leave now, in parallel with the page's load and the hub's handshake. What needs the
 * hub waits for HubSettings.onConnect (Cisco: a gadget starts its Finesse work there): the
 * desktop host (connection status: ConnectionInfoReq), the subscription to the user's node, and
 * only then the read of the user, so no Update falls between the two: as finesse.js reads a User
 * (finesse-10.5.1.js RestBase.init: `subscribe({ success: … _synchronize() })`), whereas a user's
 * reason lists are plain GETs with no subscription (`User.getNotReadyReasonCodes` →
 * `_getReasonCodesByType`). Each read once, as before; all but the user's before the hub is up.
 * The answers of SystemInfo and the Sign Out reasons are read once the first screen is shown: it
 * needs neither (until SystemInfo is read, only the changes both UCCE and UCCX accept are
 * offered), and on a slow PC handling them first held it up (bench:cold, 4× CPU: ≈ 6 %).
 */
function start(element: HTMLElement, globals: DesktopGlobals) {
  // The desktop's language: the config's `locale`, e.g. "de_DE" (desktop.md "Start-up";
  // finesse-10.5.1.js ClientServices.makeRequest sends `_config.locale`, the config given to
  // ClientServices.init, as each request's `locale` header), else the browser's.
  const config = readConfig(globals);
  const language = startLanguage([config.locale, ...navigator.languages].filter(Boolean));
  let started: LanguageState | null = null;
  void language.then((state) => {
    started = state;
  });
  const queryClient = createQueryClient();
  let client: FinesseClient | null = null;
  // Settles once the first screen is shown ("Loading…" included), at the latest after
  // FIRST_SCREEN_LATEST_MS (a hub that never connects).
  let showFirstScreen = () => {};
  const firstScreenShown = new Promise<void>((resolve) => {
    showFirstScreen = resolve;
    setTimeout(resolve, FIRST_SCREEN_LATEST_MS);
  });
  /**
   * The client, with the first screen's reads that need no subscription started; null while
   * nobody to read for.
   */
  const readAtOnce = (): FinesseClient | null => {
    if (client === null && config.id !== '' && readAuth(globals) !== null) {
      // Auth is read at each request: a refreshed SSO token takes effect at once.
      client = createFinesseClient({ baseUrl: '', getAuth: () => readAuth(globals) });
      void queryClient.prefetchQuery(reasonCodesQuery(client, config.id, 'NOT_READY'));
      // Not needed for the first screen: their answers are read once it is shown.
      const later = { readAfter: firstScreenShown };
      void queryClient.prefetchQuery(systemInfoQuery(client, later));
      void queryClient.prefetchQuery(reasonCodesQuery(client, config.id, 'LOGOUT', later));
    }
    return client;
  };
  readAtOnce();

  whenHubConnected(globals, () => {
    performance.mark('agent-state: hub connected');
    const desktop = createDesktopHost(globals);
    // No user or no credentials: say so, rather than send requests Finesse is bound to refuse.
    const problem = !desktop
      ? 'gadget.noUser'
      : desktop.session.getAuth() === null
        ? 'gadget.noCredentials'
        : null;
    const finesse = problem === null ? readAtOnce() : null;
    if (!desktop || finesse === null) {
      desktop?.dispose();
      const { gadgets } = globals;
      const chrome = {
        ...noChrome,
        ready: () => gadgets.loadingindicator?.dismiss(),
        contentChanged: () => gadgets.window.adjustHeight(),
      };
      // Worded in the desktop's language: nothing else is waiting for this.
      void language.then(() => showProblem(element, t(problem ?? 'gadget.noUser'), chrome));
      return;
    }
    const { host, session } = desktop;
    if (host.notifications) followUser(host.notifications, queryClient, session.userId);
    const userRead = queryClient.prefetchQuery(userQuery(finesse, session.userId));
    const root = createRoot(element);
    let grace: ReturnType<typeof setTimeout> | null = null;
    const render = () => {
      if (grace === null) return;
      clearTimeout(grace);
      grace = null;
      root.render(
        <StrictMode>
          <QueryClientProvider client={queryClient}>
            <LanguageRoot
              start={language}
              started={started}
              hostLocale={host.locale}
              render={() => (
                <GadgetApp host={host} session={session} client={finesse} userFollowed />
              )}
            />
            <AfterCommit run={showFirstScreen} />
          </QueryClientProvider>
        </StrictMode>,
      );
    };
    // The first screen is drawn once, with the user's state (or why it is missing): not a
    // "Loading…" screen drawn while the user is read and then drawn again. On a slow PC that first
    // drawing delays the read's answer, and costs a render and a layout of its own (bench:cold, 4×
    // CPU: usable ≈ 6 % sooner). Once, it is short: no need to render it in slices. A read that
    // takes longer than FIRST_SCREEN_GRACE_MS gets the "Loading…" screen meanwhile: the gadget is
    // never left blank.
    grace = setTimeout(render, FIRST_SCREEN_GRACE_MS);
    void userRead.then(render);
  });
}
