// Browser-tab sign-in, as the Finesse server allows it: User ID and Password, single sign-on
// through Cisco IdS in a window, or both (HYBRID); each failure said plainly.
import { useQuery } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { basicAuth, createFinesseClient, type Auth } from '../finesse/client.ts';
import { FinesseError } from '../finesse/errors.ts';
import { SsoError } from '../finesse/sso.ts';
import type { User } from '../finesse/user.ts';
import { t } from '../i18n/messages.ts';
import { ErrorPanel } from './common/ErrorPanel.tsx';
import {
  defaultSsoWindow,
  isNamedUser,
  signInWithSso,
  ssoFailureText,
  type OpenSsoWindow,
} from './session/ssoSignIn.ts';
import type { Again, SignedInWith } from './session/useBrowserSession.ts';

interface Props {
  baseUrl?: string;
  onSignedIn: (signedIn: SignedInWith) => void;
  /** After a session ended: who it was, how they signed in, and why. */
  again?: Again;
  openSsoWindow?: OpenSsoWindow;
}

type Failure = { message: string } | { error: unknown };
type Ways = { password: boolean; sso: boolean; known: boolean };

function isAgentOrSupervisor(user: User): boolean {
  return user.roles.includes('Agent') || user.roles.includes('Supervisor');
}

/**
 * What SystemInfo's `systemAuthMode` allows. Cisco's SSO procedure reads it before any sign-in
 * (developer guide 12.5(1), "Client Integration"; sso.md, "Modes"). Where it cannot be read (a
 * server that wants credentials for it, no answer, an unknown value), both ways are offered. In
 * HYBRID each user is one or the other, and the call that says which is not documented in any
 * copy we have: both are offered and a refusal of one names the other.
 */
function waysOf(mode: string | undefined): Ways {
  switch (mode?.toUpperCase()) {
    case 'NON_SSO':
      return { password: true, sso: false, known: true };
    case 'SSO':
      return { password: false, sso: true, known: true };
    case 'HYBRID':
      return { password: true, sso: true, known: true };
    default:
      return { password: true, sso: true, known: false };
  }
}

export function SignIn({
  baseUrl = '',
  onSignedIn,
  again,
  openSsoWindow = defaultSsoWindow,
}: Props) {
  const [userId, setUserId] = useState(again?.userId ?? '');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState<'password' | 'sso' | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const userIdInput = useRef<HTMLInputElement>(null);
  const cancelSso = useRef<AbortController | null>(null);
  const mode = useQuery({
    queryKey: ['signIn', 'systemAuthMode', baseUrl],
    queryFn: ({ signal }) =>
      createFinesseClient({ baseUrl, getAuth: () => null }).getSystemInfo({ signal }),
    retry: false,
    staleTime: Infinity,
  });
  const ways = mode.isPending ? null : waysOf(mode.data?.systemAuthMode);
  const both = ways !== null && ways.password && ways.sso;

  /** A signed-in user, checked: an agent or supervisor, and (SSO) the one named. */
  const accept = (user: User, auth: Auth, sso?: SignedInWith['sso']) => {
    if (!isAgentOrSupervisor(user)) {
      setFailure({ message: t('signin.notAgent') });
      return;
    }
    onSignedIn(sso ? { user, auth, sso } : { user, auth });
  };

  /** Failures both ways share. */
  const explain = (error: unknown, id: string): Failure => {
    if (error instanceof FinesseError && error.status === 404) {
      // Only an accepted sign-in (an SSO token) reaches the user lookup: Finesse answers Basic
      // credentials for an unknown user ID with the same 401 as a wrong password.
      return { message: t('signin.unknownUser', { id }) };
    }
    if (error instanceof FinesseError && (error.kind === 'network' || error.kind === 'timeout')) {
      return { message: t('signin.unreachable') };
    }
    return { error };
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // Still learning which ways the server allows: nothing to send yet.
    if (busy || !ways) return;
    // Enter in the user ID field where only single sign-on is offered.
    if (!ways.password) return signInSso();
    const id = userId.trim();
    const auth = basicAuth(id, password);
    setBusy('password');
    setFailure(null);
    try {
      const user = await createFinesseClient({ baseUrl, getAuth: () => auth }).getUser(id);
      accept(user, auth);
    } catch (error) {
      if (error instanceof FinesseError && error.status === 401) {
        const message = t('signin.badCredentials');
        setFailure({ message: both ? `${message} ${t('signin.trySso')}` : message });
      } else {
        setFailure(explain(error, id));
      }
    } finally {
      setBusy(null);
    }
  };

  // Called from the click itself: a window opened later (after an await) would be blocked.
  const signInSso = () => {
    if (busy) return;
    const id = userId.trim();
    if (id === '') {
      userIdInput.current?.reportValidity();
      return;
    }
    const cancel = new AbortController();
    cancelSso.current = cancel;
    setBusy('sso');
    setFailure(null);
    signInWithSso({ baseUrl, ccUsername: id, openWindow: openSsoWindow, signal: cancel.signal })
      .then(
        ({ user, auth, token }) => {
          if (!isNamedUser(user, id)) {
            setFailure({
              message: t('signin.ssoOtherUser', { other: user.loginName || user.id, id }),
            });
            return;
          }
          accept(user, auth, { ccUsername: id, token });
        },
        (error: unknown) => {
          if (cancel.signal.aborted) return;
          const text = ssoFailureText(error, id);
          const refused = error instanceof SsoError && error.failure.kind === 'refused';
          setFailure(
            text
              ? { message: refused && both ? `${text} ${t('signin.tryPassword')}` : text }
              : explain(error, id),
          );
        },
      )
      .finally(() => {
        if (cancelSso.current === cancel) cancelSso.current = null;
        setBusy(null);
      });
  };

  return (
    <form
      className="sign-in"
      onSubmit={(event) => void submit(event)}
      aria-labelledby="signin-heading"
      aria-busy={busy !== null}
    >
      <h1 id="signin-heading">{t('signin.heading')}</h1>
      {again && !failure && (
        <p className="notice" role="alert">
          {again.reason}
        </p>
      )}
      <label>
        {t('signin.userId')}
        <input
          ref={userIdInput}
          name="userId"
          autoComplete="username"
          required
          value={userId}
          onChange={(e) => setUserId(e.target.value)}
        />
      </label>
      {ways === null && <p role="status">{t('signin.checking')}</p>}
      {ways && !ways.known && <p className="hint">{t('signin.modeUnknown')}</p>}
      {ways?.password && (
        <>
          <label>
            {t('signin.password')}
            <input
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </label>
          <button type="submit" disabled={busy !== null}>
            {busy === 'password' ? t('signin.submitting') : t('signin.submit')}
          </button>
        </>
      )}
      {both && <p className="sign-in-or">{t('signin.or')}</p>}
      {ways?.sso && (
        <div className="sign-in-sso">
          <button
            type="button"
            onClick={signInSso}
            disabled={busy !== null}
            aria-describedby="sso-hint"
            // Back after a single sign-on session ended: one key press away from signing in again.
            autoFocus={again?.via === 'sso'}
          >
            {t('signin.sso')}
          </button>
          <p id="sso-hint" className="hint">
            {t('signin.ssoHint')}
          </p>
        </div>
      )}
      {busy === 'sso' && (
        <div className="sso-waiting">
          <p role="status">{t('signin.ssoWaiting')}</p>
          <button type="button" onClick={() => cancelSso.current?.abort()}>
            {t('signin.ssoCancel')}
          </button>
        </div>
      )}
      {failure &&
        ('message' in failure ? (
          <ErrorPanel message={failure.message} />
        ) : (
          <ErrorPanel error={failure.error} />
        ))}
    </form>
  );
}
