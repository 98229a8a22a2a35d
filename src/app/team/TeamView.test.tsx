// @vitest-environment jsdom
// The supervisor's team view against the real simulated Finesse over loopback (no fetch stubs).
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithFinesse, simulatorForEachTest } from '../../../test/renderWithFinesse.tsx';
import { TeamView } from './TeamView.tsx';

const simulator = simulatorForEachTest();

function renderTeams(refreshIntervalMs: number, confirmWithinMs?: number) {
  return renderWithFinesse(
    <TeamView
      userId="2001"
      refreshIntervalMs={refreshIntervalMs}
      {...(confirmWithinMs ? { confirmWithinMs } : {})}
    />,
    { url: simulator.url, userId: '2001' },
  );
}

async function teamTable(name = 'Sales & Service') {
  return screen.findByRole('table', { name });
}

function rowOf(name: string) {
  return screen.getByRole('rowheader', { name }).closest('tr') as HTMLTableRowElement;
}

/** Body rows' login ids, in the order shown. */
function shownIds(table: HTMLElement): string[] {
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getAllByRole('cell')[0]?.textContent ?? '');
}

const teamGets = () =>
  simulator.sim.requestLog.filter(
    (r) => r.method === 'GET' && r.path.startsWith('/finesse/api/Team/'),
  );

describe('TeamView', () => {
  it('lists every member, signed-out ones too, with state in words, reason and counts', async () => {
    simulator.sim.systemSetState('1005', 'NOT_READY', 60);
    renderTeams(60_000);
    const table = await teamTable();
    expect(shownIds(table)).toEqual(['1001', '1004', '1005', '2001']);

    const eve = within(rowOf('Eve Tan'));
    expect(eve.getByText('Not Ready')).toBeInTheDocument();
    // A system reason is shown by its label.
    expect(eve.getByText('Not Ready - Supervisor Initiated')).toBeInTheDocument();
    expect(within(rowOf('Dmitri Ivanov')).getByText('Signed Out')).toBeInTheDocument();
    expect(within(rowOf('Dmitri Ivanov')).queryAllByRole('button')).toEqual([]);

    const counts = screen.getByRole('list', { name: 'Agents by state in Sales & Service' });
    expect(
      within(counts)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Not Ready: 3', 'Signed Out: 1']);

    expect(teamGets().map((r) => `${r.path}${r.search}`)).toEqual([
      '/finesse/api/Team/10?includeLoggedOutAgents=true',
    ]);
  });

  it('offers only what supervisor rules allow, each control named after its agent', async () => {
    renderTeams(60_000);
    await teamTable();
    const ana = within(rowOf('Ana Álvarez')); // NOT_READY
    expect(ana.getAllByRole('button').map((b) => b.getAttribute('aria-label'))).toEqual([
      'Ready for Ana Álvarez',
      'Sign Out for Ana Álvarez',
    ]);
    expect(screen.getByRole('button', { name: 'Not Ready for Eve Tan' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Ready for Eve Tan' })).toBeNull();
    // The supervisor's own row: changed with My state, which can send a reason.
    expect(within(rowOf('Sam Rivera')).queryAllByRole('button')).toEqual([]);
  });

  it('an action sends one PUT with no reasonCodeId, shows pending, then the refreshed state', async () => {
    renderTeams(500);
    await teamTable();
    await userEvent.click(screen.getByRole('button', { name: 'Not Ready for Eve Tan' }));
    await userEvent.click(screen.getByRole('button', { name: 'Not Ready for Eve Tan' }));
    expect(await within(rowOf('Eve Tan')).findByText(/Not Ready (pending|…)|Sending/)).toBeTruthy();

    await waitFor(() =>
      expect(
        within(rowOf('Eve Tan')).getByText('Not Ready - Supervisor Initiated'),
      ).toBeInTheDocument(),
    );
    // The row confirms once it sees the refreshed member (an effect after that render): wait for it.
    await waitFor(() => expect(within(rowOf('Eve Tan')).queryByText(/pending/)).toBeNull());
    const puts = simulator.sim.requestLog.filter((r) => r.method === 'PUT');
    expect(puts).toHaveLength(1);
    expect(puts[0]).toMatchObject({ path: '/finesse/api/User/1005', authUser: '2001' });
    expect(puts[0]?.body).toContain('<state>NOT_READY</state>');
    expect(puts[0]?.body).not.toMatch(/reasonCodeId/i);
  });

  it('an agent moved off the team in the meantime: Invalid Supervisor on that row only', async () => {
    renderTeams(60_000);
    await teamTable();
    // Between the last refresh and the click, the agent leaves the supervisor's teams.
    expect(simulator.sim.reassignTeam('1001', '30')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Ready for Ana Álvarez' }));
    const alert = await within(rowOf('Ana Álvarez')).findByRole('alert');
    expect(alert).toHaveTextContent('Finesse did not change Ana Álvarez to Ready.');
    expect(alert).toHaveTextContent('Invalid Supervisor');
    expect(alert).toHaveTextContent('You do not supervise this agent.');
    expect(within(rowOf('Eve Tan')).queryByRole('alert')).toBeNull();
    await userEvent.click(within(alert).getByRole('button', { name: 'Dismiss' }));
    expect(within(rowOf('Ana Álvarez')).queryByRole('alert')).toBeNull();
  });

  it('says so when an accepted change does not show within the bound', async () => {
    simulator.sim.setConfig({ applyDelayMs: 60_000 });
    // A 3 s bound: long enough that "pending" is seen on a busy machine, and the test waits for
    // the message itself (up to 25 s: in the whole suite on two busy cores this page, the
    // simulator and other test files share the CPU), not for a time. Refreshes every second:
    // the bound is checked at each one and by its own timer.
    renderTeams(1000, 3000);
    await teamTable();
    await userEvent.click(screen.getByRole('button', { name: 'Sign Out for Ana Álvarez' }));
    expect(await within(rowOf('Ana Álvarez')).findByText('Signed Out pending')).toBeTruthy();
    expect(
      await within(rowOf('Ana Álvarez')).findByText(
        /accepted Signed Out for Ana Álvarez, but after 3 seconds the team still shows Not Ready/,
        {},
        { timeout: 25_000 },
      ),
    ).toBeTruthy();
  }, 30_000);

  it('a refresh keeps sort, filter, search and focus, and updates rows in place', async () => {
    renderTeams(300);
    const table = await teamTable();
    const idHeader = within(table).getByRole('columnheader', { name: /Login ID/ });
    await userEvent.click(within(idHeader).getByRole('button'));
    await userEvent.click(within(idHeader).getByRole('button'));
    expect(idHeader).toHaveAttribute('aria-sort', 'descending');
    expect(shownIds(table)).toEqual(['2001', '1005', '1004', '1001']);

    await userEvent.selectOptions(screen.getByLabelText('Show'), 'Not Ready');
    expect(shownIds(table)).toEqual(['2001', '1001']);
    const search = screen.getByLabelText('Search by name or ID');
    await userEvent.type(search, 'a');
    await waitFor(() => expect(shownIds(table)).toEqual(['2001', '1001']));
    const anaRow = rowOf('Ana Álvarez');

    const before = teamGets().length;
    simulator.sim.systemSetState('1005', 'NOT_READY', 60); // Eve Tan: matches "a" and Not Ready
    simulator.sim.systemSetState('1001', 'NOT_READY', 2); // Ana: Lunch
    await waitFor(() => expect(shownIds(table)).toEqual(['2001', '1005', '1001']));
    expect(within(rowOf('Ana Álvarez')).getByText('Lunch')).toBeInTheDocument();
    expect(teamGets().length).toBeGreaterThan(before);

    expect(screen.getByRole('table', { name: 'Sales & Service' })).toBe(table);
    expect(rowOf('Ana Álvarez')).toBe(anaRow); // same element: updated in place, not remounted
    expect(idHeader).toHaveAttribute('aria-sort', 'descending');
    expect(screen.getByLabelText('Show')).toHaveValue('NOT_READY');
    expect(search).toHaveValue('a');
    expect(search).toHaveFocus();
  });

  it('selection is kept by agent id across a sort and a refresh; select all follows the filter; Escape clears', async () => {
    renderTeams(300);
    const table = await teamTable();
    const count = () => screen.getByText(/^Selected: \d+$/);
    await userEvent.click(within(table).getByRole('checkbox', { name: 'Select Ana Álvarez' }));
    expect(count()).toHaveTextContent('Selected: 1');
    expect(count()).toHaveAttribute('role', 'status');
    const idHeader = within(table).getByRole('columnheader', { name: /Login ID/ });
    await userEvent.click(within(idHeader).getByRole('button'));
    await userEvent.click(within(idHeader).getByRole('button'));
    const before = teamGets().length;
    simulator.sim.systemSetState('1001', 'NOT_READY', 2); // a refresh brings a new Ana object
    await waitFor(() => expect(teamGets().length).toBeGreaterThan(before + 1));
    expect(within(table).getByRole('checkbox', { name: 'Select Ana Álvarez' })).toBeChecked();
    expect(count()).toHaveTextContent('Selected: 1');

    // Select all follows the filter: the signed-out agent joins; nobody else does.
    await userEvent.selectOptions(screen.getByLabelText('Show'), 'Signed Out');
    await userEvent.click(
      screen.getByRole('button', { name: 'Select all in the table (1) – Sales & Service' }),
    );
    expect(count()).toHaveTextContent('Selected: 2');
    await userEvent.selectOptions(screen.getByLabelText('Show'), 'All states');
    expect(within(table).getByRole('checkbox', { name: 'Select Dmitri Ivanov' })).toBeChecked();
    expect(within(table).getByRole('checkbox', { name: 'Select Eve Tan' })).not.toBeChecked();

    within(table).getByRole('checkbox', { name: 'Select Eve Tan' }).focus();
    await userEvent.keyboard('{Escape}');
    expect(count()).toHaveTextContent('Selected: 0');
  });

  it('All teams shows each supervised team with its own table', async () => {
    renderTeams(60_000);
    await teamTable();
    await userEvent.selectOptions(screen.getByLabelText('Team'), 'All teams');
    const billing = await teamTable('Billing');
    expect(shownIds(billing)).toEqual(['1002']);
    expect(screen.getByRole('table', { name: 'Sales & Service' })).toBeInTheDocument();
  });

  it('keeps the last good roster on a failed refresh and says when it was last updated', async () => {
    renderTeams(300);
    await teamTable();
    simulator.sim.addFault({
      match: { method: 'GET', path: '/Team/' },
      kind: 'html500',
      remaining: 50,
    });
    const alert = await screen.findByRole('alert', {}, { timeout: 5000 });
    expect(alert).toHaveTextContent(
      /Could not refresh Sales & Service\. Showing it as last updated at/,
    );
    expect(rowOf('Ana Álvarez')).toBeInTheDocument();
    // Backing off: far fewer reads than one per 300 ms while failing.
    const failing = teamGets().length;
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(teamGets().length - failing).toBeLessThanOrEqual(2);
  });

  it('is not shown to an agent', async () => {
    renderWithFinesse(<TeamView userId="1001" />, { url: simulator.url, userId: '1001' });
    await waitFor(() =>
      expect(simulator.sim.requestLog.some((r) => r.path === '/finesse/api/User/1001')).toBe(true),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(screen.queryByRole('heading', { name: 'My teams' })).toBeNull();
    expect(teamGets()).toEqual([]);
  });
});
