// @vitest-environment jsdom
// The bound on an accepted change, driven by fake timers: the subject is the hook's own timer, so
// Finesse is played by a client whose every PUT is accepted (the change then never shows).
import { QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browserHost } from '../../../test/renderWithFinesse.tsx';
import type { FinesseClient } from '../../finesse/client.ts';
import type { TeamMember } from '../../finesse/team.ts';
import { FinesseProvider } from '../finesseContext.tsx';
import { createQueryClient } from '../queries.ts';
import { useTeamActions } from './useTeamActions.ts';

const ana = { id: '1001', state: 'NOT_READY' } as TeamMember;
const acceptsEverything = { setState: () => Promise.resolve() } as unknown as FinesseClient;

function wrapper({ children }: { children: ReactNode }) {
  return (
    <QueryClientProvider client={createQueryClient()}>
      <FinesseProvider
        value={{
          client: acceptsEverything,
          host: browserHost,
          session: { userId: '2001', getAuth: () => null },
        }}
      >
        {children}
      </FinesseProvider>
    </QueryClientProvider>
  );
}

describe('the bound on an accepted change', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('a timer that fires before its time waits the rest, then says the change did not show', async () => {
    const { result } = renderHook(() => useTeamActions('10', [ana], 3000), { wrapper });
    await act(() => result.current.bulk.send('1001', 'LOGOUT'));
    expect(result.current.actions.get('1001')?.phase).toBe('accepted');

    // The clock lags the timer by 50 ms, as a busy event loop's does: it fires "early".
    vi.setSystemTime(Date.now() - 50);
    await act(() => vi.advanceTimersByTimeAsync(3000));
    expect(result.current.actions.get('1001')?.phase).toBe('accepted');
    await act(() => vi.advanceTimersByTimeAsync(50));
    expect(result.current.actions.get('1001')).toMatchObject({
      phase: 'unconfirmed',
      target: 'LOGOUT',
      seconds: 3,
      state: 'NOT_READY',
    });
  });
});
