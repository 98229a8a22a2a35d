// The supervisor's time-in-state limits form: a disclosure in the page (no dialog), one labelled
// minutes field per state and per Not Ready reason, checked on save with the message beside the
// field, usable from the keyboard alone (Escape cancels, focus returns to the button).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import type { Team } from '../../finesse/team.ts';
import { activeLanguage, stateName, t } from '../../i18n/messages.ts';
import { useFinesse } from '../finesseContext.tsx';
import { finesseKeys, reasonCodesQuery } from '../queries.ts';
import {
  LIMIT_STATES,
  MAX_LIMIT_MINUTES,
  parseMinutesField,
  type LimitState,
  type Limits,
} from './limits.ts';

interface Field {
  key: string;
  label: string;
}

const stateKey = (state: LimitState) => `state:${state}`;
const reasonKey = (id: string) => `reason:${id}`;

/**
 * Reasons a limit can be set for: the supervisor's own Not Ready list, reasons agents on the shown
 * teams are in (team-only and system reasons too), and any with a stored limit, by id.
 */
function useReasonFields(userId: string, limits: Limits, open: boolean): Field[] {
  const { client } = useFinesse();
  const queryClient = useQueryClient();
  const own = useQuery({ ...reasonCodesQuery(client, userId, 'NOT_READY'), enabled: open });
  if (!open) return [];
  const labels = new Map<string, string>();
  for (const reason of own.data?.reasonCodes ?? []) labels.set(reason.id, reason.label);
  for (const [, team] of queryClient.getQueriesData<Team>({ queryKey: finesseKeys.teams() })) {
    for (const member of team?.members ?? []) {
      const reason = member.reasonCode;
      if (member.state === 'NOT_READY' && reason && !labels.has(reason.id)) {
        labels.set(reason.id, reason.label);
      }
    }
  }
  for (const id of Object.keys(limits.reasons)) {
    if (!labels.has(id)) labels.set(id, t('limits.unknownReason', { id }));
  }
  return [...labels]
    .map(([id, label]) => ({
      key: reasonKey(id),
      label: label || t('limits.unknownReason', { id }),
    }))
    .sort((a, b) => a.label.localeCompare(b.label, activeLanguage().locale));
}

// Worded at render, not at module load: the catalogue's language can change.
const stateFields = (): Field[] =>
  LIMIT_STATES.map((state) => ({
    key: stateKey(state),
    label: state === 'NOT_READY' ? t('limits.notReadyAny') : stateName(state),
  }));

function valuesOf(limits: Limits): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [state, minutes] of Object.entries(limits.states))
    values[`state:${state}`] = String(minutes);
  for (const [id, minutes] of Object.entries(limits.reasons))
    values[reasonKey(id)] = String(minutes);
  return values;
}

/** The limits the fields describe, or the keys of the fields that are not whole minutes. */
export function limitsFromFields(
  values: Readonly<Record<string, string>>,
): { ok: true; limits: Limits } | { ok: false; invalid: string[] } {
  const states: Partial<Record<LimitState, number>> = {};
  const reasons: Record<string, number> = {};
  const invalid: string[] = [];
  for (const [key, text] of Object.entries(values)) {
    const parsed = parseMinutesField(text);
    if (!parsed.ok) {
      invalid.push(key);
      continue;
    }
    if (parsed.minutes === null) continue;
    const [kind, id = ''] = key.split(':');
    const state = LIMIT_STATES.find((s) => s === id);
    if (kind === 'state' && state) states[state] = parsed.minutes;
    else if (kind === 'reason') reasons[id] = parsed.minutes;
  }
  return invalid.length > 0 ? { ok: false, invalid } : { ok: true, limits: { states, reasons } };
}

interface Props {
  userId: string;
  limits: Limits;
  onSave: (limits: Limits) => boolean;
}

export function LimitSettings({ userId, limits, onSave }: Props) {
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState<Record<string, string>>({});
  const [invalid, setInvalid] = useState<ReadonlySet<string>>(new Set());
  const [status, setStatus] = useState('');
  const toggle = useRef<HTMLButtonElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const baseId = useId();
  const formId = `${baseId}-form`;
  const hintId = `${baseId}-hint`;
  const fieldId = (key: string) => `${baseId}-${key.replace(':', '-')}`;
  const reasonFields = useReasonFields(userId, limits, open);

  const close = () => {
    setOpen(false);
    setInvalid(new Set());
    toggle.current?.focus();
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const result = limitsFromFields(values);
    if (!result.ok) {
      setInvalid(new Set(result.invalid));
      // The first field to correct, in the order shown.
      const first = [...stateFields(), ...reasonFields].find((f) => result.invalid.includes(f.key));
      if (first)
        form.current
          ?.querySelector<HTMLInputElement>(`#${CSS.escape(fieldId(first.key))}`)
          ?.focus();
      return;
    }
    const count =
      Object.keys(result.limits.states).length + Object.keys(result.limits.reasons).length;
    setStatus(onSave(result.limits) ? t('limits.saved', { count }) : t('limits.notStored'));
    close();
  };

  const field = ({ key, label }: Field) => {
    const id = fieldId(key);
    const bad = invalid.has(key);
    return (
      <div className="limit-field" key={key}>
        <label htmlFor={id}>{t('limits.field', { name: label })}</label>
        <input
          id={id}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          size={5}
          value={values[key] ?? ''}
          aria-invalid={bad || undefined}
          aria-describedby={bad ? `${id}-error ${hintId}` : hintId}
          onChange={(event) => {
            const text = event.target.value;
            setValues((current) => ({ ...current, [key]: text }));
          }}
        />
        {bad && (
          <p id={`${id}-error`} className="field-error">
            {t('limits.invalid', { max: MAX_LIMIT_MINUTES })}
          </p>
        )}
      </div>
    );
  };

  return (
    <div className="limit-settings">
      <button
        ref={toggle}
        type="button"
        aria-expanded={open}
        aria-controls={open ? formId : undefined}
        onClick={() => {
          if (open) return close();
          setValues(valuesOf(limits));
          setStatus('');
          setOpen(true);
        }}
      >
        {t('limits.edit')}
      </button>
      <p role="status" className="notice limit-status">
        {status}
      </p>
      {open && (
        <form
          id={formId}
          ref={form}
          className="limit-form"
          noValidate
          aria-label={t('limits.edit')}
          onSubmit={onSubmit}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.preventDefault();
              close();
            }
          }}
        >
          <p id={hintId} className="notice">
            {t('limits.hint', { max: MAX_LIMIT_MINUTES })}
          </p>
          <fieldset>
            <legend>{t('limits.byState')}</legend>
            {stateFields().map(field)}
          </fieldset>
          <fieldset>
            <legend>{t('limits.byReason')}</legend>
            {reasonFields.length === 0 ? (
              <p className="notice">{t('limits.noReasons')}</p>
            ) : (
              reasonFields.map(field)
            )}
          </fieldset>
          <div className="limit-buttons">
            <button type="submit">{t('limits.save')}</button>
            <button type="button" onClick={close}>
              {t('limits.cancel')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
