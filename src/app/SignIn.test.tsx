// @vitest-environment jsdom
// Sign-in as the server allows it, and each failure with its own message, against the real
// simulated Finesse, its IdS and its IdP (no fetch stubs; the SSO window is test/ssoBrowser.ts).
import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { simulatorForEachTest } from '../../test/renderWithFinesse.tsx';
import { ssoBrowser, type SsoBrowserOptions } from '../../test/ssoBrowser.ts';
import { SsoError } from '../finesse/sso.ts';
import { createQueryClient } from './queries.ts';
import type { OpenSsoWindow } from './session/ssoSignIn.ts';
import type { SignedInWith } from './session/useBrowserSession.ts';
import { SignIn } from './SignIn.tsx';

const simulator = simulatorForEachTest();

function renderSignIn(options: { baseUrl?: string; openSsoWindow?: OpenSsoWindow } = {}) {
  const onSignedIn = vi.fn<(signedIn: SignedInWith) => void>();
  render(
    <QueryClientProvider client={createQueryClient()}>
      <SignIn
        baseUrl={options.baseUrl ?? simulator.url}
        onSignedIn={onSignedIn}
        openSsoWindow={options.openSsoWindow ?? ssoBrowser()}
      />
    </QueryClientProvider>,
  );
  return onSignedIn;
}

async function signIn(userId: string, password: string, baseUrl?: string) {
  const onSignedIn = renderSignIn(baseUrl ? { baseUrl } : {});
  await userEvent.type(screen.getByLabelText('User ID'), userId);
  await userEvent.type(await screen.findByLabelText('Password'), password);
  await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
  return onSignedIn;
}

async function signInSso(userId: string, browser: SsoBrowserOptions = {}) {
  const onSignedIn = renderSignIn({ openSsoWindow: ssoBrowser(browser) });
  await userEvent.type(screen.getByLabelText('User ID'), userId);
  await userEvent.click(await screen.findByRole('button', { name: 'Sign in with single sign-on' }));
  return onSignedIn;
}

describe('SignIn: what the server allows', () => {
  it('HYBRID offers both ways; SystemInfo is read without credentials first', async () => {
    renderSignIn();
    expect(
      await screen.findByRole('button', { name: 'Sign in with single sign-on' }),
    ).toBeVisible();
    expect(screen.getByLabelText('Password')).toBeVisible();
    expect(simulator.sim.requestLog[0]).toMatchObject({
      path: '/finesse/api/SystemInfo',
      authUser: null,
      status: 200,
    });
  });

  it('SSO offers single sign-on only', async () => {
    simulator.sim.setSsoConfig({ authMode: 'SSO' });
    renderSignIn();
    expect(
      await screen.findByRole('button', { name: 'Sign in with single sign-on' }),
    ).toBeVisible();
    expect(screen.queryByLabelText('Password')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Sign in' })).toBeNull();
  });

  it('NON_SSO offers the password only', async () => {
    simulator.sim.setSsoConfig({ authMode: 'NON_SSO' });
    renderSignIn();
    expect(await screen.findByLabelText('Password')).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Sign in with single sign-on' })).toBeNull();
  });

  it('a SystemInfo that wants credentials: both ways, and the page says why', async () => {
    simulator.sim.setSsoConfig({ systemInfoNeedsAuth: true });
    renderSignIn();
    expect(await screen.findByText(/did not say how it signs users in/)).toBeVisible();
    expect(screen.getByLabelText('Password')).toBeVisible();
    expect(screen.getByRole('button', { name: 'Sign in with single sign-on' })).toBeVisible();
  });
});

describe('SignIn: password', () => {
  it('a wrong password: says Finesse does not tell it from an unknown user, and (HYBRID) names SSO', async () => {
    const onSignedIn = await signIn('1001', 'not-it');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      /did not accept this user ID and password.*same answer for a user ID it does not know/,
    );
    expect(alert).toHaveTextContent('If your account uses single sign-on');
    expect(onSignedIn).not.toHaveBeenCalled();
  });

  it('an unknown user ID with a password gets the same answer from Finesse, so the same message', async () => {
    await signIn('7777', 'demo');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /did not accept this user ID and password/,
    );
    const get = simulator.sim.requestLog.find((r) => r.path === '/finesse/api/User/7777');
    expect(get).toMatchObject({ status: 401 });
  });

  it('a user who is neither agent nor supervisor', async () => {
    await signIn('9001', 'demo');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This account is neither an agent nor a supervisor',
    );
  });

  it('a server that does not answer: both ways offered, and the sign-in says so', async () => {
    await signIn('1001', 'demo', 'http://127.0.0.1:9');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The Finesse server did not answer.',
    );
  });
});

describe('SignIn: single sign-on', () => {
  it('signs in through IdS and the IdP, and the page reads the user with the token', async () => {
    const onSignedIn = await signInSso('2001');
    await vi.waitFor(() => expect(onSignedIn).toHaveBeenCalled());
    const [{ user, auth, sso }] = onSignedIn.mock.calls[0] as [SignedInWith];
    expect(user.id).toBe('2001');
    const grant = simulator.sim.sso.grants.find((g) => g.loginId === '2001');
    expect(auth).toEqual({ scheme: 'Bearer', token: grant?.accessToken });
    expect(sso?.ccUsername).toBe('2001');
    expect(sso?.token.refreshToken).toBe(grant?.refreshToken);
  });

  it('UCCE: a token for a login name reads the User by it, and the loginId is the user', async () => {
    simulator.sim.reset({ flavour: 'UCCE' });
    simulator.sim.setSsoConfig({ ssoUserId: 'loginName' });
    const onSignedIn = await signInSso('srivera');
    await vi.waitFor(() => expect(onSignedIn).toHaveBeenCalled());
    const [{ user }] = onSignedIn.mock.calls[0] as [SignedInWith];
    expect(user.id).toBe('2001');
    expect(simulator.sim.requestLog.some((r) => r.path === '/finesse/api/User/srivera')).toBe(true);
  });

  it('the IdP refuses: what it said, and (HYBRID) the password named', async () => {
    simulator.sim.sso.faults.push({ kind: 'idpRefuses', remaining: 1 });
    const onSignedIn = await signInSso('2001');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(/Single sign-on did not sign you in as 2001.*access_denied/);
    expect(alert).toHaveTextContent('If your account signs in with a password');
    expect(onSignedIn).not.toHaveBeenCalled();
  });

  it('/desktop/sso/token answers 500', async () => {
    simulator.sim.sso.faults.push({ kind: 'token500', remaining: 1 });
    await signInSso('2001');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Finesse could not complete single sign-on (HTTP 500)',
    );
  });

  it('a user who is not an SSO user in HYBRID is refused by IdS', async () => {
    simulator.sim.model.users.get('1001')!.authKind = 'password';
    await signInSso('1001');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Single sign-on did not sign you in as 1001',
    );
  });

  it('the user gives up at the IdP and closes the window', async () => {
    await signInSso('2001', { password: null });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The sign-in window was closed before single sign-on finished',
    );
  });

  it('after a single sign-on session ended: the user name kept, the reason said, single sign-on focused', async () => {
    render(
      <QueryClientProvider client={createQueryClient()}>
        <SignIn
          baseUrl={simulator.url}
          onSignedIn={() => {}}
          again={{
            userId: 'srivera',
            via: 'sso',
            reason: 'Your single sign-on session has ended.',
          }}
        />
      </QueryClientProvider>,
    );
    const sso = await screen.findByRole('button', { name: 'Sign in with single sign-on' });
    expect(sso).toHaveFocus();
    expect(screen.getByLabelText('User ID')).toHaveValue('srivera');
    expect(screen.getByRole('alert')).toHaveTextContent('Your single sign-on session has ended.');
  });

  it('a blocked window (what window.open answers then is checked in Chromium: e2e/sso.spec.ts)', async () => {
    const onSignedIn = renderSignIn({
      openSsoWindow: () => Promise.reject(new SsoError({ kind: 'blocked' })),
    });
    await userEvent.type(screen.getByLabelText('User ID'), '2001');
    await userEvent.click(
      await screen.findByRole('button', { name: 'Sign in with single sign-on' }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Your browser blocked the sign-in window',
    );
    expect(onSignedIn).not.toHaveBeenCalled();
  });
});
