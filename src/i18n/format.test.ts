import { describe, expect, it } from 'vitest';
import { formatMessage, messageShape } from './format.ts';

const agents = 'Showing {shown} of {total, plural, one {# agent} other {# agents}}';

describe('formatMessage', () => {
  it('fills placeholders and writes numbers in the locale', () => {
    expect(formatMessage(agents, { shown: 1000, total: 5000 }, 'en')).toBe(
      'Showing 1,000 of 5,000 agents',
    );
    expect(formatMessage(agents, { shown: 1000, total: 5000 }, 'de')).toBe(
      'Showing 1.000 of 5.000 agents',
    );
    expect(formatMessage(agents, { shown: 1, total: 1 }, 'en')).toBe('Showing 1 of 1 agent');
  });

  it('chooses plural forms by Intl.PluralRules, exact matches first', () => {
    const ru =
      '{n, plural, =0 {нет агентов} one {# агент} few {# агента} many {# агентов} other {# агента}}';
    expect(formatMessage(ru, { n: 0 }, 'ru')).toBe('нет агентов');
    expect(formatMessage(ru, { n: 21 }, 'ru')).toBe('21 агент');
    expect(formatMessage(ru, { n: 3 }, 'ru')).toBe('3 агента');
    expect(formatMessage(ru, { n: 11 }, 'ru')).toBe('11 агентов');
    expect(formatMessage(ru, { n: 1.5 }, 'ru')).toBe('1,5 агента');
  });

  it('keeps strings as they are: ids are not numbers to group', () => {
    expect(formatMessage('User {id}', { id: '50001' }, 'en')).toBe('User 50001');
  });

  it('shows a missing value as its placeholder rather than dropping words', () => {
    expect(formatMessage('{state}: {count}', { state: 'Ready' }, 'en')).toBe('Ready: {count}');
  });

  it('keeps malformed syntax as text', () => {
    expect(formatMessage('{n, plural, one {x}', { n: 1 }, 'en')).toBe('{n, plural, one {x}');
    expect(formatMessage('a { b', {}, 'en')).toBe('a { b');
  });

  it('nests placeholders inside plural forms', () => {
    const text = '{count, plural, one {# {category} code} other {# {category} codes}}';
    expect(formatMessage(text, { count: 201, category: 'NOT_READY' }, 'en')).toBe(
      '201 NOT_READY codes',
    );
    expect(messageShape(text)).toEqual({
      values: ['category', 'count'],
      plurals: { count: ['one', 'other'] },
    });
  });
});
