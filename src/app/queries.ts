// TanStack Query definitions: one hierarchical key factory and one queryOptions per Finesse resource.
import { QueryClient, queryOptions } from '@tanstack/react-query';
import type { FinesseClient, RequestOptions } from '../finesse/client.ts';
import { FinesseError } from '../finesse/errors.ts';
import type { ReasonCategory } from '../finesse/reasonCodes.ts';
import { keepUnchangedMembers, type Team } from '../finesse/team.ts';

export const finesseKeys = {
  all: ['finesse'] as const,
  systemInfo: () => [...finesseKeys.all, 'systemInfo'] as const,
  user: (userId: string) => [...finesseKeys.all, 'user', userId] as const,
  /** Both of a user's reason lists: invalidated together when an answer says they are stale. */
  reasonCodeLists: (userId: string) => [...finesseKeys.user(userId), 'reasonCodes'] as const,
  reasonCodes: (userId: string, category: ReasonCategory) =>
    [...finesseKeys.reasonCodeLists(userId), category] as const,
  teams: () => [...finesseKeys.all, 'team'] as const,
  team: (teamId: string) => [...finesseKeys.teams(), teamId] as const,
  /** Mutation keys: a user's own state change, and a supervisor's changes to a team's agents. */
  stateChange: (userId: string) => [...finesseKeys.user(userId), 'setState'] as const,
  teamStateChange: (teamId: string) => [...finesseKeys.team(teamId), 'setState'] as const,
};

/** When to read a fetched answer (RequestOptions.readAfter): for a read started ahead of need. */
type ReadOptions = Pick<RequestOptions, 'readAfter'>;

export function systemInfoQuery(client: FinesseClient, read: ReadOptions = {}) {
  return queryOptions({
    queryKey: finesseKeys.systemInfo(),
    queryFn: ({ signal }) => client.getSystemInfo({ ...read, signal }),
    staleTime: Infinity,
  });
}

/**
 * The user is read when first needed (or given by the tab's sign-in, which has just read it) and
 * from then on kept current by whoever holds it: the notifications' Updates and a re-read after a
 * gap in them (useLiveUser, useTabLive), or the poll where there are none (`refetchInterval`).
 * A view mounting is no reason to read it again: that was the tab's second GET /User.
 */
export function userQuery(client: FinesseClient, userId: string) {
  return queryOptions({
    queryKey: finesseKeys.user(userId),
    queryFn: ({ signal }) => client.getUser(userId, { signal }),
    staleTime: Infinity,
  });
}

/** Reason codes change rarely: loaded once per session and reused (desktop.md: keep requests few). */
export function reasonCodesQuery(
  client: FinesseClient,
  userId: string,
  category: ReasonCategory,
  read: ReadOptions = {},
) {
  return queryOptions({
    queryKey: finesseKeys.reasonCodes(userId, category),
    queryFn: ({ signal }) => client.getReasonCodes(userId, category, { ...read, signal }),
    staleTime: Infinity,
    gcTime: Infinity,
  });
}

/**
 * A team roster with everyone, signed-out members included (api.md §6). Polling interval and
 * backoff are the caller's: the team view passes `refetchInterval`.
 */
export function teamQuery(client: FinesseClient, teamId: string) {
  return queryOptions({
    queryKey: finesseKeys.team(teamId),
    queryFn: ({ signal }) => client.getTeam(teamId, { includeLoggedOutAgents: true, signal }),
    // TanStack's own sharing gives up at Dates (stateChangeTime), so every member would look new
    // on every refresh and every row would re-render: members that did not change keep their object.
    structuralSharing: (previous, next) =>
      keepUnchangedMembers(previous as Team | undefined, next as Team),
  });
}

/** Worth retrying by itself: the server was briefly unavailable, unreachable or overloaded. */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof FinesseError)) return false;
  if (error.kind === 'network') return true;
  return [429, 502, 503, 504].includes(error.status ?? 0);
}

/** Retries of a failed read (not of a polled one: its interval retries, see TeamSection). */
export const READ_RETRIES = 2;
const RETRY_BASE_MS = 1_000;
const RETRY_MAX_MS = 8_000;

/** The wait before retry `attempt`: what Finesse asked for (`Retry-After`), else doubling. */
export function retryDelayFor(attempt: number, error: unknown): number {
  if (error instanceof FinesseError && error.retryAfterMs !== undefined) return error.retryAfterMs;
  return Math.min(RETRY_BASE_MS * 2 ** attempt, RETRY_MAX_MS);
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (failureCount, error) => failureCount < READ_RETRIES && isTransient(error),
        retryDelay: retryDelayFor,
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}
