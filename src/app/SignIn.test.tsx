// @vitest-environment jsdom
// Sign-in failures, each with its own message, against the real simulated Finesse (no fetch stubs).
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { simulatorForEachTest } from '../../test/renderWithFinesse.tsx';
import { SignIn } from './SignIn.tsx';

const simulator = simulatorForEachTest();

async function signIn(
  userId: string,
  secret: { password: string } | { token: string },
  baseUrl = simulator.url,
) {
  const onSignedIn = vi.fn();
  render(<SignIn baseUrl={baseUrl} onSignedIn={onSignedIn} />);
  await userEvent.type(screen.getByLabelText('User ID'), userId);
  if ('token' in secret) {
    await userEvent.click(screen.getByLabelText('Use SSO token'));
    await userEvent.type(screen.getByLabelText('SSO token'), secret.token);
  } else {
    await userEvent.type(screen.getByLabelText('Password'), secret.password);
  }
  await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
  return onSignedIn;
}

describe('SignIn', () => {
  it('a wrong password: says Finesse does not tell it from an unknown user', async () => {
    const onSignedIn = await signIn('1001', { password: 'not-it' });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /did not accept this user ID and password.*same answer for a user ID it does not know/,
    );
    expect(onSignedIn).not.toHaveBeenCalled();
  });

  it('an unknown user ID with a password gets the same answer from Finesse, so the same message', async () => {
    await signIn('7777', { password: 'demo' });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /did not accept this user ID and password/,
    );
    const [get] = simulator.sim.requestLog;
    expect(get).toMatchObject({ path: '/finesse/api/User/7777', status: 401 });
  });

  it('an unknown user ID with a valid SSO token is named as unknown', async () => {
    await signIn('7777', { token: 'sso-2001' });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Finesse has no user with the ID 7777.',
    );
  });

  it('an SSO token issued for someone else', async () => {
    await signIn('1001', { token: 'sso-2001' });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This SSO token belongs to a different user than 1001.',
    );
  });

  it('an SSO token Finesse does not accept', async () => {
    await signIn('2001', { token: 'expired-token' });
    expect(await screen.findByRole('alert')).toHaveTextContent('The SSO token was not accepted.');
  });

  it('an SSO token that works signs in with Bearer', async () => {
    const onSignedIn = await signIn('2001', { token: 'sso-2001' });
    await vi.waitFor(() => expect(onSignedIn).toHaveBeenCalled());
    const [user, auth] = onSignedIn.mock.calls[0] as [{ id: string }, unknown];
    expect(user.id).toBe('2001');
    expect(auth).toEqual({ scheme: 'Bearer', token: 'sso-2001' });
    expect(simulator.sim.requestLog[0]).toMatchObject({ authUser: '2001', status: 200 });
  });

  it('a user who is neither agent nor supervisor', async () => {
    await signIn('9001', { password: 'demo' });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This account is neither an agent nor a supervisor',
    );
  });

  it('a server that does not answer', async () => {
    await signIn('1001', { password: 'demo' }, 'http://127.0.0.1:9');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The Finesse server did not answer.',
    );
  });
});
