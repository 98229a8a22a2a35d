// Sends one state change and waits for Finesse to confirm it: by notification where the host has
// them (matching our requestId), otherwise by re-reading the user until it shows the change.
import {
  mutationOptions,
  useMutation,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import type { FinesseClient } from '../../finesse/client.ts';
import { FinesseError, explanationKey } from '../../finesse/errors.ts';
import type { RequestableState } from '../../finesse/states.ts';
import { asyncErrorFromUpdate, type Update } from '../../finesse/update.ts';
import type { StateChange, User } from '../../finesse/user.ts';
import type { Host, Notifications } from '../../host/host.ts';
import { useFinesse } from '../finesseContext.tsx';
import { finesseKeys, userQuery } from '../queries.ts';
import { userPath } from '../../finesse/resources.ts';

export interface StateTarget {
  state: RequestableState;
  /** The uri id of the chosen reason (never its code). */
  reasonCodeId?: string;
  /** How the target reads to a person, e.g. "Not Ready – Meeting". */
  label: string;
}

export interface ChangeOutcome {
  user: User;
  /** Finesse queued the change as pendingState: it applies when the call ends. */
  afterCall: boolean;
}

/** Finesse answered 202 but the change did not show within the bound. */
export class ChangeNotConfirmed extends Error {
  readonly target: StateTarget;
  readonly seconds: number;
  constructor(target: StateTarget, seconds: number) {
    super(`State change to ${target.label} not confirmed within ${seconds} s`);
    this.name = 'ChangeNotConfirmed';
    this.target = target;
    this.seconds = seconds;
  }
}

export const defaultConfirmWithinMs = 10_000;
/** Without notifications, the user is re-read after 200 ms, then twice as long each time, to 1 s. */
const REREAD_FIRST_MS = 200;
const REREAD_MAX_MS = 1_000;

export function toStateChange(target: StateTarget): StateChange {
  if (target.state === 'READY') return { state: 'READY' };
  return target.reasonCodeId === undefined
    ? { state: target.state }
    : { state: target.state, reasonCodeId: target.reasonCodeId };
}

/** Whether `user` shows the requested change, applied now or queued until the call ends. */
export function outcomeFor(user: User, target: StateTarget): ChangeOutcome | null {
  if (user.pendingState === target.state) return { user, afterCall: true };
  if (user.state !== target.state) return null;
  if (target.reasonCodeId !== undefined && user.reasonCodeId !== target.reasonCodeId) return null;
  return { user, afterCall: false };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Everything one change needs to be sent and confirmed. */
interface ChangeRequest {
  queryClient: QueryClient;
  client: FinesseClient;
  userId: string;
  target: StateTarget;
  withinMs: number;
}

/** Reads the user afresh (through the cache, so every view shows what was read). */
function rereadUser({ queryClient, client, userId }: ChangeRequest): Promise<User> {
  return queryClient.fetchQuery({ ...userQuery(client, userId), staleTime: 0 });
}

async function confirmByReading(request: ChangeRequest): Promise<ChangeOutcome> {
  const { target, withinMs } = request;
  const deadline = Date.now() + withinMs;
  let delay = REREAD_FIRST_MS;
  for (;;) {
    await sleep(Math.min(delay, Math.max(0, deadline - Date.now())));
    try {
      const outcome = outcomeFor(await rereadUser(request), target);
      if (outcome) return outcome;
    } catch (error) {
      // A failed re-read says nothing about the change itself: keep trying until the bound.
      if (Date.now() >= deadline) throw error;
    }
    if (Date.now() >= deadline) throw new ChangeNotConfirmed(target, Math.round(withinMs / 1000));
    delay = Math.min(delay * 2, REREAD_MAX_MS);
  }
}

async function changeWithNotifications(
  notifications: Notifications,
  request: ChangeRequest,
): Promise<ChangeOutcome> {
  const { queryClient, client, userId, target, withinMs } = request;
  // Listen before sending: the notification can overtake the 202.
  const seen: Update[] = [];
  let wake: (() => void) | null = null;
  const unsubscribe = notifications.subscribe(userPath(userId), (update) => {
    seen.push(update);
    wake?.();
  });
  try {
    const { requestId } = await client.setState(userId, toStateChange(target));
    const deadline = Date.now() + withinMs;
    for (;;) {
      const ours = seen.find((update) => update.requestId === requestId);
      if (ours?.data.kind === 'user') {
        queryClient.setQueryData(finesseKeys.user(userId), ours.data.user);
        return outcomeFor(ours.data.user, target) ?? { user: ours.data.user, afterCall: false };
      }
      const failed = ours ? asyncErrorFromUpdate(ours) : null;
      if (failed) throw failed;
      const remaining = deadline - Date.now();
      if (remaining <= 0) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, remaining);
      });
      wake = null;
    }
    // No notification in time (a lost event, a failover): ask the server once.
    const outcome = outcomeFor(await rereadUser(request), target);
    if (outcome) return outcome;
    throw new ChangeNotConfirmed(target, Math.round(withinMs / 1000));
  } finally {
    unsubscribe();
  }
}

/** The state change as TanStack mutation options: one PUT, then its confirmation. */
export function stateChangeMutation({
  queryClient,
  client,
  host,
  userId,
  confirmWithinMs = defaultConfirmWithinMs,
}: {
  queryClient: QueryClient;
  client: FinesseClient;
  /** Read when the change is sent: confirmed by its notification where the host has them. */
  host: Pick<Host, 'notifications'>;
  userId: string;
  confirmWithinMs?: number;
}) {
  return mutationOptions({
    mutationKey: finesseKeys.stateChange(userId),
    onError: (error) => {
      // The reason list we offered is out of date (a code was removed or reassigned): reload it.
      if (!(error instanceof FinesseError)) return;
      const stale = error.errors.some((apiError) => {
        const key = explanationKey(error, apiError);
        return key === 'reasonNotValid' || key === 'reasonRequired';
      });
      if (stale) {
        void queryClient.invalidateQueries({ queryKey: finesseKeys.reasonCodeLists(userId) });
      }
    },
    mutationFn: async (target: StateTarget): Promise<ChangeOutcome> => {
      const request = { queryClient, client, userId, target, withinMs: confirmWithinMs };
      if (host.notifications) return changeWithNotifications(host.notifications, request);
      await client.setState(userId, toStateChange(target));
      return confirmByReading(request);
    },
  });
}

export function useStateChange(userId: string, confirmWithinMs = defaultConfirmWithinMs) {
  const { client, host } = useFinesse();
  const queryClient = useQueryClient();
  return useMutation(
    stateChangeMutation({
      queryClient,
      client,
      host,
      userId,
      confirmWithinMs,
    }),
  );
}
