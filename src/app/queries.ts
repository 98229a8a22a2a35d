// TanStack Query definitions: one hierarchical key factory and one queryOptions per Finesse resource.
import { QueryClient, queryOptions } from '@tanstack/react-query';
import type { FinesseClient } from '../finesse/client.ts';
import { FinesseError } from '../finesse/errors.ts';
import type { ReasonCategory } from '../finesse/reasonCodes.ts';

export const finesseKeys = {
  all: ['finesse'] as const,
  systemInfo: () => [...finesseKeys.all, 'systemInfo'] as const,
  user: (userId: string) => [...finesseKeys.all, 'user', userId] as const,
  reasonCodes: (userId: string, category: ReasonCategory) =>
    [...finesseKeys.user(userId), 'reasonCodes', category] as const,
  teams: () => [...finesseKeys.all, 'team'] as const,
  team: (teamId: string) => [...finesseKeys.teams(), teamId] as const,
};

export function systemInfoQuery(client: FinesseClient) {
  return queryOptions({
    queryKey: finesseKeys.systemInfo(),
    queryFn: ({ signal }) => client.getSystemInfo({ signal }),
    staleTime: Infinity,
  });
}

export function userQuery(client: FinesseClient, userId: string) {
  return queryOptions({
    queryKey: finesseKeys.user(userId),
    queryFn: ({ signal }) => client.getUser(userId, { signal }),
  });
}

/** Reason codes change rarely: loaded once per session and reused (desktop.md: keep requests few). */
export function reasonCodesQuery(client: FinesseClient, userId: string, category: ReasonCategory) {
  return queryOptions({
    queryKey: finesseKeys.reasonCodes(userId, category),
    queryFn: ({ signal }) => client.getReasonCodes(userId, category, { signal }),
    staleTime: Infinity,
    gcTime: Infinity,
  });
}

/** Worth retrying by itself: the server was briefly unavailable or unreachable. */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof FinesseError)) return false;
  if (error.kind === 'network') return true;
  return error.status === 503 || error.status === 502 || error.status === 504;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (failureCount, error) => failureCount < 2 && isTransient(error),
        retryDelay: (attempt) => Math.min(1000 * 2 ** attempt, 8000),
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}
