// The CSV of the team view: the rows given, in order; the header in the page's language; cells a
// spreadsheet would run as formulas neutralised; RFC 4180 quoting; times as of the download.
import { describe, expect, it } from 'vitest';
import { notReadyReason, teamMember } from '../../../test/builders.ts';
import { noLimits, type Limits } from './limits.ts';
import { csvFileName, neutralise, teamCsv } from './csv.ts';

const at = Date.parse('2024-01-01T10:05:30.000Z');

describe('teamCsv', () => {
  it('writes a header and one line per row shown, in their order', () => {
    const rows = [
      teamMember('1005', { firstName: 'Eve', lastName: 'Tan' }),
      teamMember('1001', {
        firstName: 'Ana',
        lastName: 'Álvarez',
        state: 'NOT_READY',
        reasonCode: notReadyReason('2', 'Lunch, long'),
      }),
    ];
    const csv = teamCsv(rows, { limits: noLimits, nowMs: at, clockDriftMs: 0, locale: 'en' });
    expect(csv.split('\r\n')).toEqual([
      'Name,Login ID,Extension,State,Reason,Time in state,Over limit',
      'Eve Tan,1005,51005,Ready,,5:30,',
      'Ana Álvarez,1001,51001,Not Ready,"Lunch, long",5:30,',
    ]);
  });

  it('says how far over its limit an agent is, as of the download', () => {
    const limits: Limits = { states: { READY: 5 }, reasons: {} };
    const csv = teamCsv([teamMember('1005')], {
      limits,
      nowMs: at,
      clockDriftMs: 0,
      locale: 'en',
    });
    expect(csv.split('\r\n')[1]).toBe('First1005 Last1005,1005,51005,Ready,,5:30,0:30');
  });

  it('neutralises cells a spreadsheet would read as a formula, and quotes what needs it', () => {
    expect(['=cmd', '+1', '-2', '@SUM(A1)', '\tx', 'ok', ''].map(neutralise)).toEqual([
      "'=cmd",
      "'+1",
      "'-2",
      "'@SUM(A1)",
      "'\tx",
      'ok',
      '',
    ]);
    const csv = teamCsv([teamMember('7', { firstName: '=HYPERLINK("x")', lastName: '' })], {
      limits: noLimits,
      nowMs: at,
      clockDriftMs: 0,
      locale: 'en',
    });
    expect(csv.split('\r\n')[1]).toMatch(/^"'=HYPERLINK\(""x""\)",7,/);
  });

  it('names the file after the team and the minute', () => {
    expect(csvFileName('Sales & Service', at)).toBe('Sales-Service-2024-01-01-1005.csv');
    expect(csvFileName('***', at)).toBe('team-2024-01-01-1005.csv');
  });
});
