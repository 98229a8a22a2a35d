// A team's bulk action from confirmation to summary: the plan shown before sending, the send
// queue (bulkQueue.ts) feeding the rows' own phases (useTeamActions), paused while Finesse is out
// of service, and the counts for the summary line.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { RequestableState } from '../../finesse/states.ts';
import type { TeamMember } from '../../finesse/team.ts';
import { useServicePause } from '../service/ServiceContext.tsx';
import { planBulk, selectedMembers, type BulkPlan, type Selection } from './bulk.ts';
import { startBulkQueue, type BulkQueue } from './bulkQueue.ts';
import type { TeamActions } from './useTeamActions.ts';

type Outcome = 'accepted' | 'refused' | 'dropped';

interface Run {
  target: RequestableState;
  ids: readonly string[];
  outcomes: ReadonlyMap<string, Outcome>;
  /** Finesse asked to wait until then (epoch ms); null when not waiting. */
  waitingUntil: number | null;
  stopped: boolean;
  done: boolean;
}

export interface BulkSummary {
  target: RequestableState;
  total: number;
  confirmed: number;
  /** Sent and not yet shown by an Update or read (no answer yet, or accepted). */
  pending: number;
  refused: number;
  notSent: number;
  waitingUntil: number | null;
  stopped: boolean;
  done: boolean;
}

export interface BulkAction {
  /** The confirmation's content while one is open. */
  plan: BulkPlan | null;
  propose: (target: RequestableState) => void;
  cancel: () => void;
  confirm: () => void;
  stop: () => void;
  summary: BulkSummary | null;
  running: boolean;
}

export function useBulkAction(
  members: readonly TeamMember[] | undefined,
  selection: Selection,
  selfId: string,
  { actions, bulk, dismiss }: TeamActions,
): BulkAction {
  const [plan, setPlan] = useState<BulkPlan | null>(null);
  const [run, setRun] = useState<Run | null>(null);
  const queueRef = useRef<BulkQueue | null>(null);
  const selectionRef = useRef(selection);
  useEffect(() => {
    selectionRef.current = selection;
  }, [selection]);
  const { paused } = useServicePause();
  const pausedRef = useRef(paused);
  useEffect(() => {
    pausedRef.current = paused;
    queueRef.current?.setPaused(paused);
  }, [paused]);

  const propose = useCallback(
    (target: RequestableState) =>
      setPlan(planBulk(selectedMembers(members ?? [], selection), target, selfId, actions)),
    [members, selection, selfId, actions],
  );
  const cancel = useCallback(() => setPlan(null), []);

  const confirm = useCallback(() => {
    if (!plan || plan.send.length === 0 || queueRef.current) return;
    const { target } = plan;
    const ids = plan.send.map((member) => member.id);
    setPlan(null);
    setRun({
      target,
      ids,
      outcomes: new Map(),
      waitingUntil: null,
      stopped: false,
      done: false,
    });
    bulk.queue(ids, target);
    const settle = (id: string, outcome: Outcome) =>
      setRun((current) =>
        current ? { ...current, outcomes: new Map(current.outcomes).set(id, outcome) } : current,
      );
    const queue = startBulkQueue({
      ids,
      send: (id) => bulk.send(id, target),
      // Deselected since the confirmation: not sent (what was sent stays sent).
      stillWanted: (id) => selectionRef.current.has(id),
      onEvent: (event) => {
        switch (event.type) {
          case 'sending':
            setRun((current) => (current ? { ...current, waitingUntil: null } : current));
            return;
          case 'accepted':
            settle(event.id, 'accepted');
            return;
          case 'refused':
            bulk.refuse(event.id, target, event.error);
            settle(event.id, 'refused');
            return;
          case 'waiting':
            bulk.requeue(event.id, target);
            setRun((current) => (current ? { ...current, waitingUntil: event.until } : current));
            return;
          case 'dropped':
            dismiss(event.id);
            settle(event.id, 'dropped');
            return;
          case 'done':
            queueRef.current = null;
            setRun((current) =>
              current ? { ...current, done: true, waitingUntil: null } : current,
            );
            return;
        }
      },
    });
    queue.setPaused(pausedRef.current);
    queueRef.current = queue;
  }, [plan, bulk, dismiss]);

  const stop = useCallback(() => {
    const queue = queueRef.current;
    if (!queue) return;
    setRun((current) => (current ? { ...current, stopped: true } : current));
    queue.stop();
  }, []);

  // Leaving the page (or the team) stops the queue: nothing is sent for a view no one sees.
  useEffect(() => () => queueRef.current?.stop(), []);

  const summary = useMemo((): BulkSummary | null => {
    if (!run) return null;
    let confirmed = 0;
    let pending = 0;
    let refused = 0;
    let notSent = 0;
    for (const id of run.ids) {
      const outcome = run.outcomes.get(id);
      if (outcome === 'refused') refused += 1;
      else if (outcome === 'dropped') notSent += 1;
      else if (outcome === undefined) {
        // On its way: sent, no answer yet (the rest of the unanswered are still queued).
        if (actions.get(id)?.phase === 'sending') pending += 1;
      } else {
        const phase = actions.get(id)?.phase;
        // The row's action is gone once an Update or read showed the change (useTeamActions).
        if (phase === undefined) confirmed += 1;
        else pending += 1;
      }
    }
    return {
      target: run.target,
      total: run.ids.length,
      confirmed,
      pending,
      refused,
      notSent,
      waitingUntil: run.waitingUntil,
      stopped: run.stopped,
      done: run.done,
    };
  }, [run, actions]);

  return {
    plan,
    propose,
    cancel,
    confirm,
    stop,
    summary,
    running: run !== null && !run.done,
  };
}
