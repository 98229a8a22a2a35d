// Browser-tab sign-in: User ID and Password (Basic), or an SSO bearer token; each failure said plainly.
import { useState, type FormEvent } from 'react';
import { basicAuth, createFinesseClient, type Auth } from '../finesse/client.ts';
import { FinesseError } from '../finesse/errors.ts';
import type { User } from '../finesse/user.ts';
import { t } from '../i18n/messages.ts';
import { ErrorPanel } from './common/ErrorPanel.tsx';

interface Props {
  baseUrl?: string;
  onSignedIn: (user: User, auth: Auth) => void;
  /** After a session Finesse stopped accepting: who it was, how they signed in, and why. */
  again?: { userId: string; useToken: boolean; reason: string };
}

type Failure = { message: string } | { error: unknown };

function isAgentOrSupervisor(user: User): boolean {
  return user.roles.includes('Agent') || user.roles.includes('Supervisor');
}

export function SignIn({ baseUrl = '', onSignedIn, again }: Props) {
  const [userId, setUserId] = useState(again?.userId ?? '');
  const [password, setPassword] = useState('');
  const [useToken, setUseToken] = useState(again?.useToken ?? false);
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const id = userId.trim();
    const auth: Auth = useToken
      ? { scheme: 'Bearer', token: token.trim() }
      : basicAuth(id, password);
    setBusy(true);
    setFailure(null);
    try {
      const client = createFinesseClient({ baseUrl, getAuth: () => auth });
      const user = await client.getUser(id);
      if (!isAgentOrSupervisor(user)) {
        setFailure({ message: t('signin.notAgent') });
        return;
      }
      onSignedIn(user, auth);
    } catch (error) {
      if (error instanceof FinesseError && error.status === 404) {
        // Only an accepted sign-in (an SSO token) reaches the user lookup: Finesse answers
        // Basic credentials for an unknown user ID with the same 401 as a wrong password.
        setFailure({ message: t('signin.unknownUser', { id }) });
      } else if (
        error instanceof FinesseError &&
        error.status === 401 &&
        error.errors.some((e) => e.errorType === 'Invalid Authorization User Specified')
      ) {
        setFailure({ message: t('signin.tokenOtherUser', { id }) });
      } else if (error instanceof FinesseError && error.status === 401) {
        setFailure({ message: useToken ? t('signin.badToken') : t('signin.badCredentials') });
      } else if (
        error instanceof FinesseError &&
        (error.kind === 'network' || error.kind === 'timeout')
      ) {
        setFailure({ message: t('signin.unreachable') });
      } else {
        setFailure({ error });
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="sign-in"
      onSubmit={(event) => void submit(event)}
      aria-labelledby="signin-heading"
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
          name="userId"
          autoComplete="username"
          required
          value={userId}
          onChange={(e) => setUserId(e.target.value)}
        />
      </label>
      {useToken ? (
        <label>
          {t('signin.token')}
          <input
            name="token"
            type="password"
            autoComplete="off"
            required
            value={token}
            onChange={(e) => setToken(e.target.value)}
          />
        </label>
      ) : (
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
      )}
      <label className="checkbox">
        <input type="checkbox" checked={useToken} onChange={(e) => setUseToken(e.target.checked)} />
        {t('signin.useToken')}
      </label>
      <button type="submit" disabled={busy}>
        {busy ? t('signin.submitting') : t('signin.submit')}
      </button>
      {failure &&
        ('message' in failure ? (
          <ErrorPanel message={failure.message} />
        ) : (
          <ErrorPanel error={failure.error} />
        ))}
    </form>
  );
}
