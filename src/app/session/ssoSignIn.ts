// Single sign-on from a click: the token from IdS in a window, then the user it belongs to, and
// every way it can fail in words the user can act on.
import { createFinesseClient, type Auth } from '../../finesse/client.ts';
import { SsoError, ssoTokenUrl, type SsoToken } from '../../finesse/sso.ts';
import type { User } from '../../finesse/user.ts';
import { signInInWindow } from '../../host/ssoWindow.ts';
import { t } from '../../i18n/messages.ts';

/** Opens the token URL in a window and resolves with the token (src/host/ssoWindow.ts). */
export type OpenSsoWindow = (url: string, options?: { signal?: AbortSignal }) => Promise<SsoToken>;

export const defaultSsoWindow: OpenSsoWindow = (url, options) => signInInWindow(url, options);

export interface SsoSignedIn {
  user: User;
  auth: Auth;
  token: SsoToken;
}

/**
 * Signs in `ccUsername` through IdS. The token's `user_id` may be the loginName on UCCE; `GET
 * /User/<loginName>` answers the User whose `<loginId>` every later call uses; on UCCX user name,
 * loginName and loginId are interchangeable (sso.md, "Use it").
 */
export async function signInWithSso(options: {
  baseUrl: string;
  ccUsername: string;
  openWindow: OpenSsoWindow;
  signal?: AbortSignal;
}): Promise<SsoSignedIn> {
  const { baseUrl, ccUsername } = options;
  const token = await options.openWindow(
    ssoTokenUrl(baseUrl, ccUsername),
    options.signal ? { signal: options.signal } : {},
  );
  const auth: Auth = { scheme: 'Bearer', token: token.token };
  const client = createFinesseClient({ baseUrl, getAuth: () => auth });
  const user = await client.getUser(token.userId || ccUsername);
  return { user, auth, token };
}

/** Whether the user signed in is the one named: by loginId or loginName, in any case. */
export function isNamedUser(user: User, name: string): boolean {
  const wanted = name.trim().toLowerCase();
  return user.id.toLowerCase() === wanted || user.loginName.toLowerCase() === wanted;
}

/** A failed single sign-on in words; null for failures that are not single sign-on's own. */
export function ssoFailureText(error: unknown, id: string): string | null {
  if (!(error instanceof SsoError)) return null;
  const { failure } = error;
  switch (failure.kind) {
    case 'blocked':
      return t('signin.ssoBlocked');
    case 'closed':
      return t('signin.ssoClosed');
    case 'refused':
      return failure.detail
        ? t('signin.ssoRefused', { id, detail: failure.detail })
        : t('signin.ssoRefusedNoDetail', { id });
    case 'server':
      return t('signin.ssoServerError', { status: failure.status });
    case 'notJson':
      return t('signin.ssoNotJson');
  }
}
