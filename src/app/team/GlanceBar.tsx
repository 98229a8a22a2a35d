// The team at a glance: one bar of the share of agents per state, and beside it the counts in
// words, each a button that filters the table to that state (pressed while it does). Counts come
// from countByState, one pass over the members per roster change: no long task at 5,000 agents.
// Over limit is not a state (an agent over the limit is also Ready, Not Ready, …): its count is
// shown beside the bar by OverLimitSummary, not as a part of it.
import type { UserState } from '../../finesse/states.ts';
import { percentFormat } from '../../i18n/intl.ts';
import { stateName, t } from '../../i18n/messages.ts';
import type { StateFilter } from './teamRows.ts';

interface Props {
  team: string;
  counts: readonly { state: UserState; count: number }[];
  total: number;
  filter: StateFilter;
  locale: string;
  onFilter: (filter: StateFilter) => void;
}

export function GlanceBar({ team, counts, total, filter, locale, onFilter }: Props) {
  const percent = percentFormat(locale);
  const toggle = (state: UserState) => onFilter(filter === state ? 'ALL' : state);
  return (
    <div className="glance">
      {/* The picture; the list below says the same in words and is the control. */}
      <div className="glance-bar" aria-hidden="true">
        {counts.map(({ state, count }) => (
          <span
            key={state}
            className={`glance-part state-${state}${filter === state ? ' glance-on' : ''}`}
            style={{ flexGrow: count }}
            onClick={() => toggle(state)}
          />
        ))}
      </div>
      <ul className="state-counts" aria-label={t('team.counts', { team })}>
        {counts.map(({ state, count }) => {
          const counted = t('team.count', { state: stateName(state), count });
          return (
            <li key={state} className={`state-${state}`}>
              <button
                type="button"
                className="glance-filter"
                aria-pressed={filter === state}
                aria-label={t('glance.show', {
                  counted,
                  percent: percent.format(total === 0 ? 0 : count / total),
                  team,
                })}
                onClick={() => toggle(state)}
              >
                <span aria-hidden="true" className={`glance-swatch state-${state}`} />
                {counted}
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
