// @vitest-environment jsdom
// The state control against the real simulated Finesse over loopback (no fetch stubs).
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithFinesse, simulatorForEachTest } from '../../../test/renderWithFinesse.tsx';
import { StateControl } from './StateControl.tsx';

const simulator = simulatorForEachTest();

function currentState() {
  return screen.findByRole('status', { name: 'Current state' });
}

/** Opens a reason menu once its reasons have loaded (the button is disabled until then). */
async function openMenu(name: 'Not Ready' | 'Sign Out') {
  const button = await screen.findByRole('button', { name });
  await waitFor(() => expect(button).toBeEnabled(), { timeout: 5000 });
  await userEvent.click(button);
  return screen.findByRole('menu');
}

describe('StateControl', () => {
  it('shows the state by words and offers reasons by label, never system reasons', async () => {
    renderWithFinesse(<StateControl userId="1001" />, { url: simulator.url, userId: '1001' });
    expect(await currentState()).toHaveTextContent('Not Ready');
    const menu = await openMenu('Not Ready');
    expect(menu).toHaveAccessibleName('Not Ready: choose a reason');
    const labels = within(menu)
      .getAllByRole('menuitem')
      .map((item) => item.textContent);
    expect(labels).toEqual(expect.arrayContaining(['Meeting', 'Away', 'Coaching & Training']));
    expect(labels.some((label) => /Supervisor Initiated/.test(label ?? ''))).toBe(false);
  });

  it('sends one PUT for a double-click on Ready', async () => {
    renderWithFinesse(<StateControl userId="1001" />, { url: simulator.url, userId: '1001' });
    expect(await currentState()).toHaveTextContent('Not Ready');
    const ready = await screen.findByRole('button', { name: 'Ready' });
    // Both clicks land before React renders the first one's pending state.
    ready.click();
    ready.click();
    await waitFor(async () => expect(await currentState()).toHaveTextContent(/^Ready/), {
      timeout: 5000,
    });
    expect(simulator.sim.requestLog.filter((r) => r.method === 'PUT')).toHaveLength(1);
  });

  it('sends the uri id of "Meeting" (10), not its code (6), once, and confirms by re-reading', async () => {
    renderWithFinesse(<StateControl userId="1001" />, { url: simulator.url, userId: '1001' });
    await currentState();
    await openMenu('Not Ready');
    await userEvent.click(await screen.findByRole('menuitem', { name: 'Meeting' }));
    await waitFor(async () =>
      expect(await currentState()).toHaveTextContent('Not Ready – Meeting'),
    );
    const puts = simulator.sim.requestLog.filter((r) => r.method === 'PUT');
    expect(puts).toHaveLength(1);
    expect(puts[0]?.body).toContain('<reasonCodeId>10</reasonCodeId>');
  });

  it('a team-only reason is offered only to that team', async () => {
    renderWithFinesse(<StateControl userId="1002" />, { url: simulator.url, userId: '1002' });
    expect(await currentState()).toHaveTextContent('Ready');
    const menu = await openMenu('Not Ready');
    expect(within(menu).queryByRole('menuitem', { name: 'Coaching & Training' })).toBeNull();
    expect(within(menu).getByRole('menuitem', { name: 'Meeting' })).toBeInTheDocument();
  });

  it('shows the server refusal inline and keeps the state the server reports', async () => {
    renderWithFinesse(<StateControl userId="1001" />, { url: simulator.url, userId: '1001' });
    await openMenu('Not Ready');
    await userEvent.keyboard('{Escape}');
    // The reason disappears on the server after the list was loaded: Finesse answers not_valid.
    expect(simulator.sim.deleteReasonCode(10)).toBe(true);
    await openMenu('Not Ready');
    await userEvent.click(await screen.findByRole('menuitem', { name: 'Meeting' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('finesse.api.reasoncode.not_valid');
    expect(alert).toHaveTextContent(/not its code|instead of its id/i);
    // The stale list is reloaded: Meeting is no longer offered.
    await waitFor(() =>
      expect(simulator.sim.requestLog.filter((r) => r.path.endsWith('/ReasonCodes')).length).toBe(
        4,
      ),
    );
    await openMenu('Not Ready');
    expect(screen.queryByRole('menuitem', { name: 'Meeting' })).toBeNull();
    expect(await currentState()).toHaveTextContent('Not Ready');
  });

  it('on a 503 for the user, explains and recovers with Try again', async () => {
    simulator.sim.addFault({
      match: { method: 'GET', pathEquals: '/finesse/api/User/1001' },
      kind: 'status503',
      remaining: 3,
    });
    renderWithFinesse(<StateControl userId="1001" />, { url: simulator.url, userId: '1001' });
    const alert = await screen.findByRole('alert', {}, { timeout: 10_000 });
    expect(alert).toHaveTextContent(/few seconds/);
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await currentState()).toHaveTextContent('Not Ready');
  });

  it('shows an accepted change as pending, then says so when Finesse does not apply it in time', async () => {
    simulator.sim.setConfig({ applyDelayMs: 60_000 });
    renderWithFinesse(<StateControl userId="1001" confirmWithinMs={2000} />, {
      url: simulator.url,
      userId: '1001',
    });
    await currentState();
    await userEvent.click(screen.getByRole('button', { name: 'Ready' }));
    expect(await screen.findByText('Changing to Ready…')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Ready' })).toBeDisabled();
    const alert = await screen.findByRole('alert', {}, { timeout: 5000 });
    expect(alert).toHaveTextContent(
      'Finesse accepted the change to Ready but has not applied it after 2 seconds',
    );
    expect(await currentState()).toHaveTextContent('Not Ready');
    expect(simulator.sim.requestLog.filter((r) => r.method === 'PUT')).toHaveLength(1);
  });

  it('during a call, a change is queued and shown as applying after the call', async () => {
    expect(simulator.sim.call('1005', 'start').ok).toBe(true);
    const { queryClient } = renderWithFinesse(<StateControl userId="1005" />, {
      url: simulator.url,
      userId: '1005',
    });
    expect(await currentState()).toHaveTextContent('Talking');
    await openMenu('Not Ready');
    await userEvent.click(await screen.findByRole('menuitem', { name: 'Meeting' }));
    expect(await screen.findByText('Not Ready – Meeting after this call')).toBeInTheDocument();
    expect(await currentState()).toHaveTextContent('Talking');

    expect(simulator.sim.call('1005', 'end').ok).toBe(true);
    await queryClient.invalidateQueries();
    await waitFor(async () =>
      expect(await currentState()).toHaveTextContent('Not Ready – Meeting'),
    );
    expect(screen.queryByText(/after this call/)).toBeNull();
  });

  it('follows the deployment: from Ready, UCCX offers Sign Out and UCCE does not', async () => {
    const uccx = renderWithFinesse(<StateControl userId="1002" />, {
      url: simulator.url,
      userId: '1002',
    });
    expect(await currentState()).toHaveTextContent('Ready');
    expect(await screen.findByRole('button', { name: 'Sign Out' })).toBeInTheDocument();
    uccx.unmount();

    simulator.sim.reset({ flavour: 'UCCE' });
    renderWithFinesse(<StateControl userId="1002" />, { url: simulator.url, userId: '1002' });
    expect(await currentState()).toHaveTextContent('Ready');
    await waitFor(() =>
      expect(simulator.sim.requestLog.some((r) => r.path.endsWith('/SystemInfo'))).toBe(true),
    );
    await screen.findByRole('button', { name: 'Not Ready' });
    expect(screen.queryByRole('button', { name: 'Sign Out' })).toBeNull();
  });

  it('a signed-out user is told how to get back in, and offered nothing', async () => {
    renderWithFinesse(<StateControl userId="1004" />, { url: simulator.url, userId: '1004' });
    expect(await currentState()).toHaveTextContent('Signed Out');
    expect(
      screen.getByText(/sign in to the Finesse desktop with your extension/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Ready|Sign Out/ })).toBeNull();
  });
});
