// @vitest-environment jsdom
// The service line and the pause, against the simulated Finesse over loopback, with SystemInfo
// Updates delivered as a host delivers them (the desktop's hub, the tab's XMPP link).
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import {
  browserHost,
  renderWithFinesse,
  simulatorForEachTest,
} from '../../../test/renderWithFinesse.tsx';
import { SYSTEM_INFO_PATH } from '../../finesse/resources.ts';
import type { Update } from '../../finesse/update.ts';
import type { Host, Notifications } from '../../host/host.ts';
import { listeners } from '../../utils/listeners.ts';
import { StateControl } from '../state/StateControl.tsx';
import { SERVICE_LINE_ID } from './ServiceContext.tsx';
import { ServiceScope } from './ServiceScope.tsx';

const ctx = simulatorForEachTest();

/** A host's notifications, driven by the test: Updates per node, refused Updates counted. */
function scriptedNotifications() {
  const byNode = new Map<string, Set<(update: Update) => void>>();
  const refused = listeners<[number]>();
  let refusedCount = 0;
  const notifications: Notifications = {
    subscribe(node, onUpdate, events) {
      const set = byNode.get(node) ?? new Set();
      byNode.set(node, set);
      set.add(onUpdate);
      if (events?.onReady) queueMicrotask(events.onReady);
      return () => set.delete(onUpdate);
    },
    connectionStatus: () => 'connected',
    onConnectionChange: () => () => {},
    onResync: () => () => {},
    refusedUpdates: () => refusedCount,
    onRefusedUpdate: refused.add,
  };
  return {
    notifications,
    systemInfo(status: string, statusReason = '') {
      const update: Update = {
        event: 'PUT',
        requestId: null,
        source: SYSTEM_INFO_PATH,
        data: { kind: 'systemInfo', status, statusReason },
      };
      for (const listener of byNode.get(SYSTEM_INFO_PATH) ?? []) listener(update);
    },
    refuse() {
      refusedCount += 1;
      refused.emit(refusedCount);
    },
  };
}

function renderPaused() {
  const scripted = scriptedNotifications();
  const host: Host = { ...browserHost, notifications: scripted.notifications };
  const rendered = renderWithFinesse(
    <ServiceScope>
      <StateControl userId="1001" />
    </ServiceScope>,
    { url: ctx.url, userId: '1001', host },
  );
  return { ...rendered, scripted };
}

describe('Finesse out of service', () => {
  it('says so in one line, keeps the changes on screen but disabled, and restores them when back', async () => {
    const { scripted } = renderPaused();
    const ready = await screen.findByRole('button', { name: 'Ready' });
    expect(ready).toBeEnabled();
    expect(document.getElementById(SERVICE_LINE_ID)).toHaveTextContent('');

    scripted.systemInfo('OUT_OF_SERVICE', 'The CTI server connection is down.');
    const line = await screen.findByText(
      'Finesse is out of service: The CTI server connection is down. Changes are paused.',
    );
    expect(line).toHaveAttribute('role', 'status');
    // Disabled, not hidden, and described by the line that says why.
    expect(ready).toBeDisabled();
    expect(ready).toHaveAttribute('aria-describedby', SERVICE_LINE_ID);
    const notReady = screen.getByRole('button', { name: /Not Ready/ });
    expect(notReady).toBeDisabled();
    expect(notReady).toHaveAttribute('aria-describedby', SERVICE_LINE_ID);
    // The state itself is still shown.
    expect(screen.getByRole('status', { name: 'Current state' })).toHaveTextContent(/Not Ready/);

    ctx.sim.requestLog.length = 0;
    scripted.systemInfo('IN_SERVICE');
    await waitFor(() => expect(ready).toBeEnabled());
    expect(document.getElementById(SERVICE_LINE_ID)).toHaveTextContent('');
    // Back: what the page shows is read again (Updates may have been lost meanwhile).
    await waitFor(() =>
      expect(ctx.sim.requestLog.map((r) => `${r.method} ${r.path}`)).toContain(
        'GET /finesse/api/User/1001',
      ),
    );
  });

  it('partial service, and a reason Finesse does not give', async () => {
    const { scripted } = renderPaused();
    await screen.findByRole('button', { name: 'Ready' });
    scripted.systemInfo('PARTIAL_SERVICE');
    expect(
      await screen.findByText(
        'Finesse is partly out of service: no reason given. Changes are paused.',
      ),
    ).toBeInTheDocument();
  });

  it('a change answered 503 makes the page read SystemInfo again, once', async () => {
    renderPaused();
    const ready = await screen.findByRole('button', { name: 'Ready' });
    ctx.sim.requestLog.length = 0;
    ctx.sim.addFault({ match: { method: 'PUT' }, kind: 'status503', remaining: 1 });
    await userEvent.click(ready);
    // The refusal is explained where the change was asked for, as before.
    expect(await screen.findByText(/Finesse is not in service right now/)).toBeInTheDocument();
    await waitFor(() =>
      expect(
        ctx.sim.requestLog
          .map((r) => `${r.method} ${r.path}`)
          .filter((r) => r === 'GET /finesse/api/SystemInfo'),
      ).toHaveLength(1),
    );
    // SystemInfo says IN_SERVICE: nothing paused.
    expect(document.getElementById(SERVICE_LINE_ID)).toHaveTextContent('');
    expect(ready).toBeEnabled();
  });

  it('counts Updates refused for their size, in words', async () => {
    const { scripted } = renderPaused();
    await screen.findByRole('button', { name: 'Ready' });
    scripted.refuse();
    expect(
      await screen.findByText(
        'Finesse sent 1 update too large to read; the page read the data again instead.',
      ),
    ).toBeInTheDocument();
    scripted.refuse();
    const notice = await screen.findByText(/Finesse sent 2 updates too large/);
    expect(notice).toHaveAttribute('role', 'status');
  });
});
