// How many of a team's agents are over their time-in-state limit (in the team's summary), and a
// polite live region that says who has just crossed it: batched, at most one message per interval.
import { listFormat, shortListFormat } from '../../i18n/intl.ts';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { TeamMember } from '../../finesse/team.ts';
import { activeLanguage, t } from '../../i18n/messages.ts';
import { useNow } from '../common/time.ts';
import {
  emptyCrossingQueue,
  hasLimits,
  newlyOver,
  overLimitIds,
  queueCrossings,
  type CrossingQueue,
  type Limits,
} from './limits.ts';
import { memberName } from './teamColumns.tsx';

/** At most one announcement per this long: crossings in between are said together. */
export const ANNOUNCE_EVERY_MS = 10_000;
/** Names read out in one announcement; the rest are counted. */
const NAMES_READ = 3;

function describeCrossings(ids: readonly string[], members: readonly TeamMember[]): string {
  const byId = new Map(members.map((member) => [member.id, member]));
  const names = ids.map((id) => {
    const member = byId.get(id);
    return (member && memberName(member)) || id;
  });
  if (names.length === 1) return t('limits.crossedOne', { name: names[0] ?? '' });
  // Names listed as the language lists them ("A, B and C", "A、B、C").
  const { locale } = activeLanguage();
  const shown = names.slice(0, NAMES_READ);
  return names.length > NAMES_READ
    ? t('limits.crossedMore', {
        count: names.length,
        names: shortListFormat(locale).format(shown),
        more: names.length - NAMES_READ,
      })
    : t('limits.crossedMany', {
        count: names.length,
        names: listFormat(locale).format(shown),
      });
}

/**
 * Who is over the limit, checked on each tick of the shared one-second clock (only while limits
 * are set), and the latest announcement of crossings.
 */
export function useOverLimit(
  members: readonly TeamMember[],
  limits: Limits,
  clockDriftMs: number,
): { count: number; announcement: string; active: boolean } {
  const active = hasLimits(limits);
  const now = useNow(active);
  const over = useMemo(
    () => overLimitIds(members, limits, now, clockDriftMs),
    [members, limits, now, clockDriftMs],
  );
  const previous = useRef<{ over: ReadonlySet<string>; limits: Limits } | null>(null);
  const queue = useRef<CrossingQueue>(emptyCrossingQueue);
  const [announcement, setAnnouncement] = useState('');

  useEffect(() => {
    const before = previous.current;
    previous.current = { over, limits };
    // New or changed limits: those already over are counted, not announced as crossing now.
    const crossed = newlyOver(before && before.limits === limits ? before.over : null, over);
    const next = queueCrossings(queue.current, crossed, over, now, ANNOUNCE_EVERY_MS);
    queue.current = next.queue;
    if (next.announce) setAnnouncement(describeCrossings(next.announce, members));
  }, [over, limits, now, members]);

  return { count: over.size, announcement, active };
}

interface Props {
  members: readonly TeamMember[];
  limits: Limits;
  clockDriftMs: number;
}

/** Its own component, so the per-second check re-renders this line only, not the table. */
export function OverLimitSummary({ members, limits, clockDriftMs }: Props) {
  const { count, announcement, active } = useOverLimit(members, limits, clockDriftMs);
  return (
    <>
      {active && (
        <p className={count > 0 ? 'over-limit-count over' : 'over-limit-count'}>
          {count > 0 && (
            <span aria-hidden="true" className="over-limit-mark">
              ⚠{' '}
            </span>
          )}
          {t('limits.overCount', { count })}
        </p>
      )}
      {/* Always present, so screen readers follow it before its first message. */}
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </>
  );
}
