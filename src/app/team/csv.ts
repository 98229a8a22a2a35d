// The team view as CSV: exactly the rows shown (filter, search, sort), built in the page and saved
// through a Blob; nothing leaves the browser.
import type { TeamMember } from '../../finesse/team.ts';
import { stateName, t } from '../../i18n/messages.ts';
import { elapsedSince, formatDuration } from '../common/time.ts';
import { overLimitBy, type Limits } from './limits.ts';
import { memberName } from './teamColumns.tsx';

/**
 * A cell a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, and the tab and carriage
 * return OWASP lists with them) is prefixed with an apostrophe, so it stays text ("CSV injection").
 */
export function neutralise(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** RFC 4180: quoted when it holds a comma, a quote or a line break; quotes doubled. */
function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

export interface CsvOptions {
  limits: Limits;
  /** The moment of the download: the time in state and over limit are as of then. */
  nowMs: number;
  clockDriftMs: number;
  locale: string;
}

/** The header (in the page's language) and one line per row; CRLF as RFC 4180 writes it. */
export function teamCsv(rows: readonly TeamMember[], options: CsvOptions): string {
  const { limits, nowMs, clockDriftMs, locale } = options;
  const header = [
    t('team.col.name'),
    t('team.col.id'),
    t('team.col.extension'),
    t('team.col.state'),
    t('team.col.reason'),
    t('team.col.timeInState'),
    t('csv.overLimit'),
  ];
  const lines = [header];
  for (const member of rows) {
    const over = overLimitBy(member, limits, nowMs, clockDriftMs);
    lines.push([
      memberName(member) || member.id,
      member.id,
      member.extension,
      stateName(member.state),
      member.reasonCode?.label ?? '',
      member.stateChangeTime
        ? formatDuration(elapsedSince(member.stateChangeTime, nowMs, clockDriftMs), locale)
        : '',
      over === null ? '' : formatDuration(over, locale),
    ]);
  }
  return lines.map((line) => line.map((cell) => quote(neutralise(cell))).join(',')).join('\r\n');
}

/** Saves `csv` as a file: UTF-8 with a byte order mark, so spreadsheet programs read accents. */
export function downloadCsv(csv: string, fileName: string): void {
  const blob = new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.style.display = 'none';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // After the click has started the download: revoking at once can cancel it in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** "Sales & Service" at 2026-12-07 22:30 → "Sales-Service-2026-12-07-2230.csv". */
export function csvFileName(team: string, nowMs: number): string {
  const stamp = new Date(nowMs).toISOString().slice(0, 16).replace('T', '-').replace(':', '');
  const safe = team.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'team';
  return `${safe}-${stamp}.csv`;
}
