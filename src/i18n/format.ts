// Fills a catalogue message: `{name}` placeholders and `{name, plural, one {…} other {…}}` forms,
// numbers written with Intl.NumberFormat and plural forms chosen by Intl.PluralRules.
import { numberFormat, pluralRules } from './intl.ts';

export type MessageValues = Record<string, string | number>;

/** A message split once into literal text, placeholders and plural forms. */
type Part =
  | { kind: 'text'; text: string }
  | { kind: 'value'; name: string }
  | { kind: 'plural'; name: string; forms: Map<string, Part[]> };

const parsedCache = new Map<string, Part[]>();

/**
 * Parses the subset of ICU MessageFormat the catalogues use. Anything malformed is kept as text,
 * so a broken translation shows its words rather than nothing (the catalogue test rejects it).
 */
export function parseMessage(text: string): Part[] {
  const cached = parsedCache.get(text);
  if (cached) return cached;
  const [parts] = parseParts(text, 0, false);
  parsedCache.set(text, parts);
  return parts;
}

function parseParts(text: string, start: number, nested: boolean): [Part[], number] {
  const parts: Part[] = [];
  let literal = '';
  let i = start;
  const flush = () => {
    if (literal !== '') parts.push({ kind: 'text', text: literal });
    literal = '';
  };
  while (i < text.length) {
    const char = text[i];
    if (char === '}' && nested) break;
    if (char !== '{') {
      literal += char;
      i += 1;
      continue;
    }
    const simple = /^\{(\w+)\}/.exec(text.slice(i));
    if (simple?.[1]) {
      flush();
      parts.push({ kind: 'value', name: simple[1] });
      i += simple[0].length;
      continue;
    }
    const plural = /^\{(\w+),\s*plural,\s*/.exec(text.slice(i));
    const parsed = plural?.[1] ? parsePlural(text, i + plural[0].length, plural[1]) : null;
    if (!parsed) {
      literal += char;
      i += 1;
      continue;
    }
    flush();
    parts.push(parsed[0]);
    i = parsed[1];
  }
  flush();
  return [parts, i];
}

function parsePlural(text: string, start: number, name: string): [Part, number] | null {
  const forms = new Map<string, Part[]>();
  let i = start;
  for (;;) {
    const selector = /^\s*(=\d+|zero|one|two|few|many|other)\s*\{/.exec(text.slice(i));
    if (!selector?.[1]) break;
    const [parts, end] = parseParts(text, i + selector[0].length, true);
    if (text[end] !== '}') return null;
    forms.set(selector[1], parts);
    i = end + 1;
  }
  const close = /^\s*\}/.exec(text.slice(i));
  if (!close || !forms.has('other')) return null;
  return [{ kind: 'plural', name, forms }, i + close[0].length];
}

/** A message with its values filled in; a value that is missing leaves its `{name}` showing. */
export function formatMessage(text: string, values: MessageValues, locale: string): string {
  return render(parseMessage(text), values, locale, null);
}

function render(
  parts: Part[],
  values: MessageValues,
  locale: string,
  pound: number | null,
): string {
  let out = '';
  for (const part of parts) {
    if (part.kind === 'text') {
      out +=
        pound === null ? part.text : part.text.replaceAll('#', numberFormat(locale).format(pound));
    } else if (part.kind === 'value') {
      const value = values[part.name];
      out +=
        value === undefined
          ? `{${part.name}}`
          : typeof value === 'number'
            ? numberFormat(locale).format(value)
            : value;
    } else {
      const value = Number(values[part.name]);
      if (!Number.isFinite(value)) {
        out += `{${part.name}}`;
        continue;
      }
      const form =
        part.forms.get(`=${value}`) ??
        part.forms.get(pluralRules(locale).select(value)) ??
        part.forms.get('other') ??
        [];
      out += render(form, values, locale, value);
    }
  }
  return out;
}

/** Placeholder names and, per plural placeholder, its categories: what the catalogue test compares. */
export function messageShape(text: string): {
  values: string[];
  plurals: Record<string, string[]>;
} {
  const values = new Set<string>();
  const plurals: Record<string, string[]> = {};
  const walk = (parts: Part[]) => {
    for (const part of parts) {
      if (part.kind === 'value') values.add(part.name);
      if (part.kind === 'plural') {
        values.add(part.name);
        plurals[part.name] = [...part.forms.keys()].sort();
        for (const form of part.forms.values()) walk(form);
      }
    }
  };
  walk(parseMessage(text));
  return { values: [...values].sort(), plurals };
}
