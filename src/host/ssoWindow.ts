// Single sign-on in a window of its own: opened from a click, watched until it is back on this
// page's origin with Finesse's token JSON, then read and closed.
//
// Cisco: the token call "might involve browser redirect to Cisco Identity Service and Identity
// Provider"; "You must use browser components that allow redirections and IdP form submissions"
// (developer guide 12.5(1), "Single Sign-On APIs"; ../shared/finesse/sso.md). A popup, not a
// frame: identity providers commonly refuse to be framed. The page is served from the Finesse
// host (/3rdpartygadget/files/…), so the window's last document, `/desktop/sso/token`, is on this
// page's origin and readable; while it is at IdS or the IdP it is not, and reading throws.
import { SSO_TOKEN_PATH, SsoError, parseSsoAnswer, type SsoToken } from '../finesse/sso.ts';

/** How often the window is looked at. Nothing is measured with it: it only bounds the delay. */
export const SSO_WINDOW_POLL_MS = 250;

export interface SsoWindowOptions {
  /** The page's window (it opens the popup and owns the timers). */
  opener?: Window;
  pollMs?: number;
  /** Aborting closes the window and rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** Where a same-origin document in the window stands, or null while it cannot be read. */
function readWindow(popup: Window, origin: string): { text: string; status: number | null } | null {
  try {
    const location = popup.location;
    if (location.origin !== origin || !location.pathname.endsWith(SSO_TOKEN_PATH)) return null;
    const document = popup.document;
    if (document.readyState !== 'complete') return null;
    // The answer's status, where the browser records it (Chromium 109+, Firefox 117+).
    const navigation = popup.performance?.getEntriesByType?.('navigation')[0] as
      (PerformanceEntry & { responseStatus?: number }) | undefined;
    const status =
      typeof navigation?.responseStatus === 'number' && navigation.responseStatus > 0
        ? navigation.responseStatus
        : null;
    // A JSON document is shown as text in a <pre>; Chromium may add its own pretty-print control
    // beside it, whose words are not the answer's.
    const pre = document.querySelector('body > pre');
    return { text: (pre ?? document.body)?.textContent ?? '', status };
  } catch {
    // At IdS or the identity provider: another origin.
    return null;
  }
}

/**
 * Opens `url` in a popup (call it from the click's handler, or the browser blocks it) and
 * resolves with the token once the window shows it; rejects with an SsoError (blocked, closed,
 * refused, server, notJson) otherwise. The window is closed either way.
 */
export function signInInWindow(url: string, options: SsoWindowOptions = {}): Promise<SsoToken> {
  const opener = options.opener ?? window;
  const popup = opener.open(url, 'finesse-sso', 'popup,width=520,height=680');
  if (!popup) return Promise.reject(new SsoError({ kind: 'blocked' }));
  const origin = opener.location.origin;
  return new Promise<SsoToken>((resolve, reject) => {
    const finish = (outcome: () => void) => {
      opener.clearInterval(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (!popup.closed) popup.close();
      outcome();
    };
    const onAbort = () => finish(() => reject(options.signal?.reason));
    const look = () => {
      const read = readWindow(popup, origin);
      if (read) {
        finish(() => {
          try {
            resolve(parseSsoAnswer(read.text, read.status));
          } catch (error) {
            reject(error);
          }
        });
      } else if (popup.closed) {
        finish(() => reject(new SsoError({ kind: 'closed' })));
      }
    };
    const timer = opener.setInterval(look, options.pollMs ?? SSO_WINDOW_POLL_MS);
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener('abort', onAbort, { once: true });
  });
}
