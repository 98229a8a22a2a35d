// The team table's columns, once: each with its header label, its sort key and its cell. The
// header, the row and the sort all read this list, so they cannot disagree on order or meaning.
import { memo, useRef, type ReactNode } from 'react';
import type { TeamMember } from '../../finesse/team.ts';
import { stateName, t, type MessageId } from '../../i18n/messages.ts';
import { elapsedSince, formatDuration, useNow } from '../common/time.ts';
import { limitDeadline, overLimitAfter, type Limits } from './limits.ts';
import { useOnScreen } from './onScreen.ts';

export type SortColumn =
  'name' | 'id' | 'extension' | 'state' | 'reason' | 'timeInState' | 'overLimit' | 'pendingState';

/** A value rows are ordered by; null (nothing to show) sorts last in either direction. */
export type SortKey = string | number | null;

/** What a cell is given: the agent, where the cell sits, and what the row knows. */
export interface CellProps {
  member: TeamMember;
  /** The member's name as shown, or the login id when there is none. */
  name: string;
  /** The cell's column number, for the table's arrow-key navigation. */
  col: number;
  /** The column of the table's one tabbable cell when it is in this row, else -1. */
  activeCol: number;
  /** The limit that applies to this agent now (minutes), or null. */
  limitMinutes: number | null;
  locale: string;
  clockDriftMs: number;
  /** The row's selection checkbox (bulk actions), shown in the name cell; none for the own row. */
  select?: ReactNode;
}

export interface TeamColumn {
  id: SortColumn;
  label: MessageId;
  sortKey: (member: TeamMember, limits: Limits) => SortKey;
  /** Renders the cell (a `<td>`, or the row's `<th>`). A plain function: no hooks in it. */
  cell: (props: CellProps) => ReactNode;
}

export function memberName(member: Pick<TeamMember, 'firstName' | 'lastName'>): string {
  return `${member.firstName} ${member.lastName}`.trim();
}

/** The tabindex of a cell: only the table's one active cell is in the tab order (roving). */
export const cellTab = (activeCol: number, col: number) => (activeCol === col ? 0 : -1);

/** A cell holding plain text. */
const textCell =
  (text: (member: TeamMember) => ReactNode) =>
  ({ member, col, activeCol }: CellProps) => (
    <td data-col={col} tabIndex={cellTab(activeCol, col)}>
      {text(member)}
    </td>
  );

interface TimeProps {
  since: Date | null;
  locale: string;
  clockDriftMs: number;
  col: number;
  activeCol: number;
}

/**
 * The only cell of a row that changes every second. It ticks only while on screen: off screen,
 * a thousand changing texts would cost style and layout work every second for nothing.
 */
const TimeInState = memo(function TimeInState({
  since,
  locale,
  clockDriftMs,
  col,
  activeCol,
}: TimeProps) {
  const cell = useRef<HTMLTableCellElement>(null);
  const now = useNow(useOnScreen(cell));
  return (
    <td ref={cell} className="time-in-state" data-col={col} tabIndex={cellTab(activeCol, col)}>
      {since ? formatDuration(elapsedSince(since, now, clockDriftMs), locale) : ''}
    </td>
  );
});

interface LimitProps extends TimeProps {
  /** The limit that applies to this agent now (minutes), or null. */
  limitMinutes: number | null;
}

/**
 * The agent's time-in-state limit, and once over it, by how much: in words and with a mark, so it
 * does not rely on colour. Ticks only for agents with a limit, and only on screen.
 */
const LimitCell = memo(function LimitCell({
  since,
  limitMinutes,
  locale,
  clockDriftMs,
  col,
  activeCol,
}: LimitProps) {
  const cell = useRef<HTMLTableCellElement>(null);
  const onScreen = useOnScreen(cell);
  const now = useNow(onScreen && limitMinutes !== null);
  const over =
    limitMinutes === null ? null : overLimitAfter(since, limitMinutes, now, clockDriftMs);
  return (
    <td
      ref={cell}
      className={over === null ? 'limit' : 'limit over-limit'}
      data-col={col}
      tabIndex={cellTab(activeCol, col)}
    >
      {limitMinutes === null ? (
        ''
      ) : over === null ? (
        t('limits.cellLimit', { minutes: limitMinutes })
      ) : (
        <>
          <span aria-hidden="true" className="over-limit-mark">
            ⚠{' '}
          </span>
          {t('limits.cellOver', { duration: formatDuration(over, locale) })}
        </>
      )}
    </td>
  );
});

/** What the ticking cells are given: they re-render only when one of these changes. */
const timing = ({ member, locale, clockDriftMs, col, activeCol }: CellProps): TimeProps => ({
  since: member.stateChangeTime,
  locale,
  clockDriftMs,
  col,
  activeCol,
});

/** In table order. The Actions column follows them: it is neither sortable nor a plain cell. */
export const teamColumns: readonly TeamColumn[] = [
  {
    id: 'name',
    label: 'team.col.name',
    sortKey: (member) => memberName(member),
    // The row header is named by the agent alone: the checkbox in it has a name of its own.
    cell: ({ name, col, activeCol, select }) => (
      <th scope="row" data-col={col} tabIndex={cellTab(activeCol, col)} aria-label={name}>
        {select}
        {name}
      </th>
    ),
  },
  {
    id: 'id',
    label: 'team.col.id',
    sortKey: (member) => member.id,
    cell: textCell((member) => member.id),
  },
  {
    id: 'extension',
    label: 'team.col.extension',
    sortKey: (member) => member.extension,
    cell: textCell((member) => member.extension),
  },
  {
    id: 'state',
    label: 'team.col.state',
    sortKey: (member) => stateName(member.state),
    cell: textCell((member) => (
      <span className={`state-text state-${member.state}`}>{stateName(member.state)}</span>
    )),
  },
  {
    id: 'reason',
    label: 'team.col.reason',
    sortKey: (member) => member.reasonCode?.label ?? null,
    cell: textCell((member) => member.reasonCode?.label ?? ''),
  },
  {
    id: 'timeInState',
    label: 'team.col.timeInState',
    // Longer in state sorts higher: an older change time is a larger time in state.
    sortKey: (member) => (member.stateChangeTime ? -member.stateChangeTime.getTime() : null),
    cell: (props) => <TimeInState {...timing(props)} />,
  },
  {
    id: 'overLimit',
    label: 'limits.col',
    // When each agent goes over: the furthest over first, then those closest to it. It does not
    // change with the clock, so the order holds between refreshes; agents with no limit last.
    sortKey: (member, limits) => limitDeadline(member, limits),
    cell: (props) => <LimitCell {...timing(props)} limitMinutes={props.limitMinutes} />,
  },
  {
    id: 'pendingState',
    label: 'team.col.pendingState',
    sortKey: (member) => (member.pendingState ? stateName(member.pendingState) : null),
    cell: textCell((member) => (member.pendingState ? stateName(member.pendingState) : '')),
  },
];

const byId = new Map(teamColumns.map((column) => [column.id, column]));

export function teamColumn(id: SortColumn): TeamColumn {
  const column = byId.get(id);
  if (!column) throw new RangeError(`No team column ${id}`);
  return column;
}

/** The sortable columns and Actions: the cells per row that the arrow keys move between. */
export const CELLS_PER_ROW = teamColumns.length + 1;
/** The Actions cell's column number. */
export const ACTIONS_COL = teamColumns.length;
