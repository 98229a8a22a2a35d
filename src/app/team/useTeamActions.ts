// A supervisor's Ready / Not Ready / Sign Out for team members: one PUT per action, no reason
// code, and the row kept "pending" until a team refresh shows the change (or a bound passes).
import { useMutation } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import type { RequestableState, UserState } from '../../finesse/states.ts';
import type { TeamMember } from '../../finesse/team.ts';
import { useFinesse } from '../finesseContext.tsx';
import { finesseKeys } from '../queries.ts';

export type RowAction = (
  | /** In a bulk action, waiting its turn (or for the wait Finesse asked for): nothing sent yet. */
    { phase: 'queued'; target: RequestableState }
  | { phase: 'sending'; target: RequestableState }
  /** 202: accepted, not done. Confirmed by a refresh showing it, or given up on at `deadline`. */
  | { phase: 'accepted'; target: RequestableState; deadline: number }
  | { phase: 'failed'; target: RequestableState; error: unknown }
  | { phase: 'unconfirmed'; target: RequestableState; seconds: number; state: UserState | null }
) & {
  /** Part of a bulk action: its summary line speaks for it, not one announcement per row. */
  bulk?: true;
};

export type RowActions = ReadonlyMap<string, RowAction>;

type Event =
  | { type: 'queued'; memberIds: readonly string[]; target: RequestableState }
  | { type: 'sending'; memberId: string; target: RequestableState; bulk?: true }
  | { type: 'accepted'; memberId: string; target: RequestableState; deadline: number; bulk?: true }
  | { type: 'failed'; memberId: string; target: RequestableState; error: unknown; bulk?: true }
  | { type: 'check'; members: readonly TeamMember[]; now: number; boundMs: number }
  | { type: 'dismiss'; memberId: string };

/** The team shows the change: applied, or queued until the agent's call ends. */
export function showsChange(member: TeamMember, target: RequestableState): boolean {
  return member.state === target || member.pendingState === target;
}

export function rowActionsReducer(actions: RowActions, event: Event): RowActions {
  switch (event.type) {
    case 'queued': {
      const next = new Map(actions);
      for (const memberId of event.memberIds) {
        next.set(memberId, { phase: 'queued', target: event.target, bulk: true });
      }
      return next;
    }
    case 'sending':
      return new Map(actions).set(event.memberId, {
        phase: 'sending',
        target: event.target,
        ...(event.bulk ? { bulk: true } : {}),
      });
    case 'accepted':
      return new Map(actions).set(event.memberId, {
        phase: 'accepted',
        target: event.target,
        deadline: event.deadline,
        ...(event.bulk ? { bulk: true } : {}),
      });
    case 'failed':
      return new Map(actions).set(event.memberId, {
        phase: 'failed',
        target: event.target,
        error: event.error,
        ...(event.bulk ? { bulk: true } : {}),
      });
    case 'dismiss': {
      if (!actions.has(event.memberId)) return actions;
      const next = new Map(actions);
      next.delete(event.memberId);
      return next;
    }
    case 'check': {
      // Checked on every Update of a large team: nothing to look up while nothing is pending.
      if (actions.size === 0) return actions;
      let next: Map<string, RowAction> | null = null;
      const byId = new Map(event.members.map((member) => [member.id, member]));
      for (const [memberId, action] of actions) {
        if (action.phase !== 'accepted') continue;
        const member = byId.get(memberId);
        if (member && showsChange(member, action.target)) {
          next ??= new Map(actions);
          next.delete(memberId);
        } else if (event.now >= action.deadline) {
          next ??= new Map(actions);
          next.set(memberId, {
            phase: 'unconfirmed',
            target: action.target,
            seconds: Math.round(event.boundMs / 1000),
            state: member?.state ?? null,
          });
        }
      }
      // Unchanged entries keep their object, so memoised rows that did not change stay put.
      return next ?? actions;
    }
  }
}

const noActions: RowActions = new Map();

export interface TeamActions {
  actions: RowActions;
  /** Stable across renders: safe to hand to memoised rows. */
  request: (member: TeamMember, target: RequestableState) => void;
  dismiss: (memberId: string) => void;
  /**
   * For a bulk action (useBulkAction): rows shown as queued, each then sent by `send` with the
   * same phases as a row's own action. `send` rejects with Finesse's error; the queue decides
   * whether the row shows it (`refuse`) or waits to send again (the row stays queued).
   */
  bulk: {
    queue: (memberIds: readonly string[], target: RequestableState) => void;
    send: (memberId: string, target: RequestableState) => Promise<void>;
    refuse: (memberId: string, target: RequestableState, error: unknown) => void;
    requeue: (memberId: string, target: RequestableState) => void;
  };
}

/**
 * `members` is the latest roster; each new one is checked against the accepted actions.
 * `confirmWithinMs` bounds the wait for a refresh to show an accepted change.
 */
export function useTeamActions(
  teamId: string,
  members: readonly TeamMember[] | undefined,
  confirmWithinMs: number,
): TeamActions {
  const { client } = useFinesse();
  const [actions, dispatch] = useReducer(rowActionsReducer, noActions);
  const actionsRef = useRef(actions);
  const membersRef = useRef(members);
  useEffect(() => {
    actionsRef.current = actions;
    membersRef.current = members;
  });

  // Hook-level callbacks: they run for every mutation, not only the latest (rows act concurrently).
  const mutation = useMutation({
    mutationKey: finesseKeys.teamStateChange(teamId),
    // A supervisor never sends reasonCodeId: Finesse refuses it and stamps its own (api.md §4).
    mutationFn: ({ member, target }: { member: TeamMember; target: RequestableState }) =>
      client.setState(member.id, { state: target }),
    onMutate: ({ member, target }) => dispatch({ type: 'sending', memberId: member.id, target }),
    onSuccess: (_accepted, { member, target }) =>
      dispatch({
        type: 'accepted',
        memberId: member.id,
        target,
        deadline: Date.now() + confirmWithinMs,
      }),
    onError: (error, { member, target }) =>
      dispatch({ type: 'failed', memberId: member.id, target, error }),
  });
  const { mutate } = mutation;

  const request = useCallback(
    (member: TeamMember, target: RequestableState) => {
      const current = actionsRef.current.get(member.id);
      // One PUT per action: a second click while one is on its way (or queued) is ignored.
      if (current?.phase === 'sending' || current?.phase === 'accepted') return;
      if (current?.phase === 'queued') return;
      actionsRef.current = new Map(actionsRef.current).set(member.id, { phase: 'sending', target });
      mutate({ member, target });
    },
    [mutate],
  );

  const dismiss = useCallback((memberId: string) => dispatch({ type: 'dismiss', memberId }), []);

  const bulk = useMemo(
    () => ({
      queue: (memberIds: readonly string[], target: RequestableState) =>
        dispatch({ type: 'queued', memberIds, target }),
      // The same PUT as a row's (no reasonCodeId, api.md §4), outside TanStack's mutation so the
      // queue sees each answer and decides what follows.
      send: async (memberId: string, target: RequestableState) => {
        dispatch({ type: 'sending', memberId, target, bulk: true });
        await client.setState(memberId, { state: target });
        dispatch({
          type: 'accepted',
          memberId,
          target,
          deadline: Date.now() + confirmWithinMs,
          bulk: true,
        });
      },
      refuse: (memberId: string, target: RequestableState, error: unknown) =>
        dispatch({ type: 'failed', memberId, target, error, bulk: true }),
      requeue: (memberId: string, target: RequestableState) =>
        dispatch({ type: 'queued', memberIds: [memberId], target }),
    }),
    [client, confirmWithinMs],
  );

  // Each refresh: confirm what it shows.
  useEffect(() => {
    if (members) dispatch({ type: 'check', members, now: Date.now(), boundMs: confirmWithinMs });
  }, [members, confirmWithinMs]);

  // And when the bound passes without a refresh showing it (refreshes may be failing).
  let earliest = Infinity;
  for (const action of actions.values()) {
    if (action.phase === 'accepted') earliest = Math.min(earliest, action.deadline);
  }
  useEffect(() => {
    if (earliest === Infinity) return;
    let timer: ReturnType<typeof setTimeout>;
    const arm = () => {
      timer = setTimeout(
        () => {
          // A timer can fire before the clock reaches its time (Node measures it from the event
          // loop's start-of-turn time, which lags on a busy loop); a check then would change
          // nothing and nothing would arm the timer again: wait the rest.
          if (Date.now() < earliest) return arm();
          dispatch({
            type: 'check',
            members: membersRef.current ?? [],
            now: Date.now(),
            boundMs: confirmWithinMs,
          });
        },
        Math.max(0, earliest - Date.now()),
      );
    };
    arm();
    return () => clearTimeout(timer);
  }, [earliest, confirmWithinMs]);

  return { actions, request, dismiss, bulk };
}
