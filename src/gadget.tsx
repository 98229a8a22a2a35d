// Gadget entry (named by gadget.xml): waits for the desktop's hub, then renders the state control
// with the desktop as host. The build bundles this into one classic script for Shindig.
import '@vitejs/plugin-react/preamble';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { GadgetApp, GadgetProblem } from './app/GadgetApp.tsx';
import { createQueryClient } from './app/queries.ts';
import { recordScriptUrl } from './i18n/catalogues.ts';
import { LanguageRoot } from './app/language/LanguageContext.tsx';
import { startLanguage } from './i18n/language.ts';
import { createDesktopHost, readConfig, whenHubConnected } from './host/desktop.ts';
import { noChrome, type Chrome } from './host/host.ts';
import { findDesktopGlobals } from './host/openSocial.ts';
import { t } from './i18n/messages.ts';
import './styles.css';

// Now, while this classic script runs: catalogues are looked for beside it (src/i18n/catalogues.ts).
recordScriptUrl(
  document.currentScript instanceof HTMLScriptElement ? document.currentScript.src : null,
);

const element = document.getElementById('root');
const globals = findDesktopGlobals(window);

function showProblem(container: HTMLElement, message: string, chrome: Chrome) {
  createRoot(container).render(<GadgetProblem message={message} chrome={chrome} />);
}

if (element && !globals) {
  const shown = element;
  void startLanguage(navigator.languages).then(() =>
    showProblem(shown, t('gadget.outsideDesktop'), noChrome),
  );
} else if (element && globals) {
  whenHubConnected(globals, () => {
    // The desktop's language: the config's `locale`, e.g. "de_DE" (desktop.md "Start-up";
    // finesse-10.5.1.js ClientServices.makeRequest sends `_config.locale`, the config given to
    // ClientServices.init, as each request's `locale` header), else the browser's. Its catalogue
    // loads in parallel with the first Finesse requests.
    const desktopLocale = readConfig(globals).locale;
    const language = startLanguage([desktopLocale, ...navigator.languages].filter(Boolean));
    const desktop = createDesktopHost(globals);
    // No user or no credentials: say so, rather than send requests Finesse is bound to refuse.
    const problem = !desktop
      ? 'gadget.noUser'
      : desktop.session.getAuth() === null
        ? 'gadget.noCredentials'
        : null;
    if (!desktop || problem !== null) {
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
    createRoot(element).render(
      <StrictMode>
        <QueryClientProvider client={createQueryClient()}>
          <LanguageRoot
            start={language}
            hostLocale={desktop.host.locale}
            render={() => <GadgetApp host={desktop.host} session={desktop.session} />}
          />
        </QueryClientProvider>
      </StrictMode>,
    );
  });
}
