// Gadget entry (named by gadget.xml): waits for the desktop's hub, then renders the state control
// with the desktop as host. The build bundles this into one classic script for Shindig.
import '@vitejs/plugin-react/preamble';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { GadgetApp, GadgetProblem } from './app/GadgetApp.tsx';
import { createQueryClient } from './app/queries.ts';
import { createDesktopHost, whenHubConnected } from './host/desktop.ts';
import { noChrome, type Chrome } from './host/host.ts';
import { findDesktopGlobals } from './host/openSocial.ts';
import { t } from './messages.ts';
import './styles.css';

const element = document.getElementById('root');
const globals = findDesktopGlobals(window);

function showProblem(container: HTMLElement, message: string, chrome: Chrome) {
  createRoot(container).render(<GadgetProblem message={message} chrome={chrome} />);
}

if (element && !globals) {
  showProblem(element, t('gadget.outsideDesktop'), noChrome);
} else if (element && globals) {
  whenHubConnected(globals, () => {
    const desktop = createDesktopHost(globals);
    // No user or no credentials: say so, rather than send requests Finesse is bound to refuse.
    const problem = !desktop
      ? t('gadget.noUser')
      : desktop.session.getAuth() === null
        ? t('gadget.noCredentials')
        : null;
    if (!desktop || problem !== null) {
      desktop?.dispose();
      const { gadgets } = globals;
      showProblem(element, problem ?? t('gadget.noUser'), {
        ...noChrome,
        ready: () => gadgets.loadingindicator?.dismiss(),
        contentChanged: () => gadgets.window.adjustHeight(),
      });
      return;
    }
    createRoot(element).render(
      <StrictMode>
        <QueryClientProvider client={createQueryClient()}>
          <GadgetApp host={desktop.host} session={desktop.session} />
        </QueryClientProvider>
      </StrictMode>,
    );
  });
}
