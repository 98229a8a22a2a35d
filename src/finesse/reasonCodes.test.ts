// ReasonCode list parsing over the real samples: uri ids (not codes), one/many/no entries, problems reported.
import { describe, expect, it } from 'vitest';
import { fixture } from '../../test/fixtures/fixtures.ts';
import { reasonProblemText } from '../i18n/messages.ts';
import {
  MAX_REASON_CODES,
  parseReasonCodeNode,
  parseReasonCodes,
  reasonCodeIdFromUri,
  selectableReasonCodes,
} from './reasonCodes.ts';
import { XmlParseError } from './xml.ts';

describe('reasonCodeIdFromUri', () => {
  it('takes the last numeric segment of a ReasonCode uri', () => {
    expect(reasonCodeIdFromUri('/finesse/api/ReasonCode/56')).toBe('56');
    expect(reasonCodeIdFromUri('/finesse/api/ReasonCode/56/')).toBe('56');
    expect(reasonCodeIdFromUri(' https://fin.example.com:8445/finesse/api/ReasonCode/7 ')).toBe(
      '7',
    );
  });

  it('gives null when there is no numeric ReasonCode id', () => {
    expect(reasonCodeIdFromUri('/finesse/api/ReasonCode/')).toBeNull();
    expect(reasonCodeIdFromUri('/finesse/api/ReasonCode/abc')).toBeNull();
    expect(reasonCodeIdFromUri('/finesse/api/User/1234')).toBeNull();
    expect(reasonCodeIdFromUri('')).toBeNull();
  });
});

describe('parseReasonCodes', () => {
  it('reads the 2017 UCCX list with ids from the uri, not the code', () => {
    const list = parseReasonCodes(fixture('reasoncodes-not-ready-uccx-2017.xml'), 'NOT_READY');
    expect(list.problems).toEqual([]);
    expect(list.category).toBe('NOT_READY');
    expect(list.reasonCodes).toHaveLength(7);
    expect(list.reasonCodes.find((r) => r.label === 'Meeting')).toEqual({
      id: '10',
      uri: '/finesse/api/ReasonCode/10',
      code: '6',
      label: 'Meeting',
      category: 'NOT_READY',
      forAll: true,
      systemCode: false,
    });
    const away = list.reasonCodes.find((r) => r.label === 'Away');
    expect(away?.id).toBe('11');
    expect(away?.code).toBe('7');
  });

  it('reads a one-line single-entry list and ignores unknown fields', () => {
    const list = parseReasonCodes(fixture('reasoncodes-team-uccx-2019.xml'), 'NOT_READY');
    expect(list).toEqual({
      category: 'NOT_READY',
      problems: [],
      reasonCodes: [
        {
          id: '56',
          uri: '/finesse/api/ReasonCode/56',
          code: '151',
          label: 'Test reason',
          category: 'NOT_READY',
          forAll: false,
          systemCode: false,
        },
      ],
    });
  });

  it('reads a capitalised boolean', () => {
    const [lunch] = parseReasonCodes(
      fixture('reasoncodes-capitalised-boolean.xml'),
      'NOT_READY',
    ).reasonCodes;
    expect(lunch).toMatchObject({ id: '1', code: '12', label: 'Lunch', forAll: true });
  });

  it('reads a list preceded by an XML declaration', () => {
    const list = parseReasonCodes(fixture('reasoncodes-with-declaration.xml'), 'NOT_READY');
    expect(list.reasonCodes.map((r) => [r.id, r.code, r.label, r.forAll])).toEqual([
      ['1', '71', 'LUNCH', false],
      ['2', '72', 'IN MEETING', false],
    ]);
  });

  it('reads an empty list as no entries', () => {
    expect(parseReasonCodes(fixture('reasoncodes-logout-empty.xml'), 'LOGOUT')).toEqual({
      category: 'LOGOUT',
      reasonCodes: [],
      problems: [],
    });
    expect(
      parseReasonCodes('<ReasonCodes category="LOGOUT"></ReasonCodes>', 'LOGOUT').reasonCodes,
    ).toEqual([]);
  });

  it('reports unusable entries and keeps the others', () => {
    const list = parseReasonCodes(fixture('reasoncodes-problems.xml'), 'NOT_READY');
    expect(list.reasonCodes.map((r) => r.id)).toEqual(['21', '23']);
    expect(list.reasonCodes[0]).toMatchObject({
      label: 'Coaching',
      forAll: true,
      systemCode: false,
    });
    expect(list.reasonCodes[1]).toMatchObject({ label: 'Call Not Answered', systemCode: true });
    expect(list.problems).toHaveLength(2);
    const problems = list.problems.map(reasonProblemText);
    expect(problems[0]).toContain('Broken entry');
    expect(problems[0]).toContain('/finesse/api/ReasonCode/');
    expect(problems[1]).toContain('End of Shift');
    expect(problems[1]).toContain('LOGOUT');
  });

  it('notes a list whose category is not the one asked for', () => {
    const list = parseReasonCodes(fixture('reasoncodes-logout-empty.xml'), 'NOT_READY');
    expect(list.reasonCodes).toEqual([]);
    expect(list.problems.map(reasonProblemText)).toEqual([
      'Asked for NOT_READY reason codes but the server\'s list says "LOGOUT".',
    ]);
  });

  it('throws XmlParseError for something that is not a ReasonCodes list', () => {
    expect(() => parseReasonCodes(fixture('apierrors-not-allowed.xml'), 'NOT_READY')).toThrow(
      XmlParseError,
    );
    expect(() => parseReasonCodes('', 'NOT_READY')).toThrow(XmlParseError);
    expect(() => parseReasonCodes(fixture('user-truncated.xml'), 'NOT_READY')).toThrow(
      XmlParseError,
    );
  });
});

describe('list length', () => {
  it('offers at most MAX_REASON_CODES reasons and says how many were sent', () => {
    const entries = Array.from(
      { length: 250 },
      (_, i) =>
        `<ReasonCode><uri>/finesse/api/ReasonCode/${i + 1}</uri><category>NOT_READY</category>` +
        `<code>${i + 1}</code><label>Reason ${i + 1}</label><forAll>true</forAll></ReasonCode>`,
    );
    const list = parseReasonCodes(
      `<ReasonCodes category="NOT_READY">${entries.join('')}</ReasonCodes>`,
      'NOT_READY',
    );
    expect(list.reasonCodes).toHaveLength(MAX_REASON_CODES);
    expect(list.problems.map(reasonProblemText)).toEqual([
      `The server sent 250 NOT_READY reason codes, more than Finesse allows; only the first ${MAX_REASON_CODES} are offered.`,
    ]);
  });
});

describe('duplicate ids', () => {
  it('offers neither of two reasons that share an id, and says why for each', () => {
    const entry = (id: string, label: string) =>
      `<ReasonCode><uri>/finesse/api/ReasonCode/${id}</uri><category>NOT_READY</category>` +
      `<code>${id}</code><label>${label}</label><forAll>true</forAll></ReasonCode>`;
    const xml = `<ReasonCodes category="NOT_READY">${entry('5', 'Lunch')}${entry('5', 'Meeting')}${entry('6', 'Break')}</ReasonCodes>`;
    const list = parseReasonCodes(xml, 'NOT_READY');
    expect(list.reasonCodes.map((r) => r.label)).toEqual(['Break']);
    expect(list.problems.map(reasonProblemText)).toEqual([
      'Reason code "Lunch" shares its id 5 with another reason in the list; left out.',
      'Reason code "Meeting" shares its id 5 with another reason in the list; left out.',
    ]);
  });
});

describe('selectableReasonCodes', () => {
  it('never offers system codes', () => {
    const list = parseReasonCodes(fixture('reasoncodes-problems.xml'), 'NOT_READY');
    expect(selectableReasonCodes(list.reasonCodes).map((r) => r.label)).toEqual(['Coaching']);
  });
});

describe('parseReasonCodeNode', () => {
  it('uses <id> when the uri is missing and the fallback category when none is given', () => {
    expect(parseReasonCodeNode({ id: '5', code: '9', label: 'Break' }, 'LOGOUT')).toEqual({
      id: '5',
      uri: '',
      code: '9',
      label: 'Break',
      category: 'LOGOUT',
      forAll: false,
      systemCode: false,
    });
  });

  it('gives null for an absent, empty or id-less node', () => {
    expect(parseReasonCodeNode(undefined)).toBeNull();
    expect(parseReasonCodeNode('')).toBeNull();
    expect(parseReasonCodeNode({ label: 'x', category: 'NOT_READY' })).toBeNull();
    expect(parseReasonCodeNode({ id: '5', label: 'x' })).toBeNull();
  });
});
