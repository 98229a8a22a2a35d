// The team as a real table: sortable column headers (aria-sort), one memoised row per agent keyed
// by login id, so refreshes update rows in place instead of rebuilding them. A large team renders
// only the rows near the screen (virtualRows.ts); aria-rowcount and aria-rowindex tell assistive
// technology where each rendered row sits, and the arrow keys move between cells (tableKeyboard.ts).
import { useCallback, useLayoutEffect, useMemo, useRef } from 'react';
import type { RequestableState } from '../../finesse/states.ts';
import type { TeamMember } from '../../finesse/team.ts';
import { t } from '../../i18n/messages.ts';
import { limitMinutesFor, type Limits } from './limits.ts';
import { useRovingCells } from './tableKeyboard.ts';
import { TeamRow } from './TeamRow.tsx';
import { CELLS_PER_ROW, teamColumns, type SortColumn } from './teamColumns.tsx';
import type { Sort } from './teamRows.ts';
import type { RowActions } from './useTeamActions.ts';
import { ROW_HEIGHT_ESTIMATE, useVirtualRows } from './virtualRows.ts';

interface Props {
  caption: string;
  rows: readonly TeamMember[];
  sort: Sort;
  onSort: (column: SortColumn) => void;
  actions: RowActions;
  selfId: string;
  locale: string;
  clockDriftMs: number;
  limits: Limits;
  onAction: (member: TeamMember, target: RequestableState) => void;
  onDismiss: (memberId: string) => void;
  /** Agent ids chosen for a bulk action. */
  selection: ReadonlySet<string>;
  onToggleSelected: (memberId: string) => void;
}

/** Rows per PageUp/PageDown: a screenful, less one row of overlap. */
const pageSize = () =>
  Math.max(
    1,
    Math.floor((typeof window === 'undefined' ? 0 : window.innerHeight) / ROW_HEIGHT_ESTIMATE) - 1,
  );

export function TeamTable({
  caption,
  rows,
  sort,
  onSort,
  actions,
  selfId,
  locale,
  clockDriftMs,
  limits,
  onAction,
  onDismiss,
  selection,
  onToggleSelected,
}: Props) {
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const rowIds = useMemo(() => rows.map((member) => member.id), [rows]);
  // The virtual rows need the focused row (to keep it rendered) and the keyboard needs them (to
  // scroll a row in): the latter goes through a ref, set after each commit.
  const scrollToRowRef = useRef<(index: number) => boolean>(() => false);
  const reveal = useCallback((index: number) => scrollToRowRef.current(index), []);
  const roving = useRovingCells({ bodyRef, rowIds, cols: CELLS_PER_ROW, pageSize, reveal });
  const keyOf = useCallback((index: number) => rowIds[index] ?? String(index), [rowIds]);
  const { slots, measureRow, scrollToRow } = useVirtualRows({
    count: rows.length,
    bodyRef,
    keyOf,
    keepIndex: roving.activeIndex,
  });
  useLayoutEffect(() => {
    scrollToRowRef.current = scrollToRow;
  }, [scrollToRow]);

  return (
    <div className="team-table-wrap">
      {/* The header row plus one per agent shown, whether or not it is rendered. */}
      <table className="team-table" aria-rowcount={rows.length + 1}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr aria-rowindex={1}>
            {teamColumns.map(({ id: column, label }) => {
              const sorted = sort.column === column;
              return (
                <th
                  key={column}
                  scope="col"
                  className={`col-${column}`}
                  // Only the sorted column carries aria-sort (WAI-ARIA APG sortable table).
                  aria-sort={sorted ? sort.direction : undefined}
                >
                  <button type="button" className="sort-button" onClick={() => onSort(column)}>
                    {t(label)}
                    <span aria-hidden="true" className="sort-mark">
                      {sorted ? (sort.direction === 'ascending' ? '▲' : '▼') : '↕'}
                    </span>
                  </button>
                </th>
              );
            })}
            <th scope="col" className="col-actions">
              {t('team.col.actions')}
            </th>
          </tr>
        </thead>
        <tbody
          ref={bodyRef}
          onKeyDown={roving.onKeyDown}
          onFocus={roving.onFocus}
          onBlur={roving.onBlur}
        >
          {slots.map((slot) => {
            if (slot.kind === 'gap') {
              // Stands for rows not rendered; no cells, so nothing in it is read or found.
              return (
                <tr
                  key={slot.key}
                  className="virtual-gap"
                  aria-hidden="true"
                  style={{ height: slot.height }}
                />
              );
            }
            const member = rows[slot.index];
            if (!member) return null;
            return (
              <TeamRow
                key={member.id}
                member={member}
                index={slot.index}
                activeCol={roving.activeColFor(slot.index)}
                limitMinutes={limitMinutesFor(member, limits)}
                rowRef={measureRow}
                action={actions.get(member.id)}
                isSelf={member.id === selfId}
                locale={locale}
                clockDriftMs={clockDriftMs}
                onAction={onAction}
                onDismiss={onDismiss}
                selected={selection.has(member.id)}
                onToggleSelected={onToggleSelected}
              />
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
