// The team as a real table: sortable column headers (aria-sort), one memoised row per agent keyed
// by login id, so refreshes update rows in place instead of rebuilding them.
import type { RequestableState } from '../../finesse/states.ts';
import type { TeamMember } from '../../finesse/team.ts';
import { t, type MessageId } from '../../messages.ts';
import { TeamRow } from './TeamRow.tsx';
import type { Sort, SortColumn } from './teamRows.ts';
import type { RowActions } from './useTeamActions.ts';

const columns: { column: SortColumn; label: MessageId }[] = [
  { column: 'name', label: 'team.col.name' },
  { column: 'id', label: 'team.col.id' },
  { column: 'extension', label: 'team.col.extension' },
  { column: 'state', label: 'team.col.state' },
  { column: 'reason', label: 'team.col.reason' },
  { column: 'timeInState', label: 'team.col.timeInState' },
  { column: 'pendingState', label: 'team.col.pendingState' },
];

interface Props {
  caption: string;
  rows: readonly TeamMember[];
  sort: Sort;
  onSort: (column: SortColumn) => void;
  actions: RowActions;
  selfId: string;
  locale: string;
  clockDriftMs: number;
  onAction: (member: TeamMember, target: RequestableState) => void;
  onDismiss: (memberId: string) => void;
}

export function TeamTable({
  caption,
  rows,
  sort,
  onSort,
  actions,
  selfId,
  locale,
  clockDriftMs,
  onAction,
  onDismiss,
}: Props) {
  return (
    <div className="team-table-wrap">
      <table className="team-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map(({ column, label }) => {
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
        <tbody>
          {rows.map((member) => (
            <TeamRow
              key={member.id}
              member={member}
              action={actions.get(member.id)}
              isSelf={member.id === selfId}
              locale={locale}
              clockDriftMs={clockDriftMs}
              onAction={onAction}
              onDismiss={onDismiss}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}
