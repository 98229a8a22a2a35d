// The pseudo-locale en-XA: every English message accented and about 40% longer, placeholders
// and plural syntax untouched, so layouts can be checked for the longest real translations.
// Written to catalogues/en-XA.json by scripts/pseudo-locale.ts and loaded like any language.
import type { Catalogue, MessageId } from './en.ts';
import { englishCatalogue } from './english.ts';

const ACCENTED: Record<string, string> = {
  a: 'á',
  e: 'é',
  i: 'í',
  o: 'ö',
  u: 'ü',
  c: 'ç',
  n: 'ñ',
  y: 'ý',
  A: 'Å',
  E: 'É',
  I: 'Î',
  O: 'Ø',
  U: 'Ü',
  C: 'Ç',
  N: 'Ñ',
  Y: 'Ý',
};
const PADDING = '·ẋẏẑ';

// Message syntax that must stay as it is: `{name}`, `{name, plural,`, `one {`, braces and `#`.
const SYNTAX = /\{\w+\}|\{\w+,\s*plural,|(?:=\d+|zero|one|two|few|many|other)\s*\{|[{}#]/g;

function accent(text: string): string {
  let out = '';
  let last = 0;
  const words = (from: number, to: number) =>
    [...text.slice(from, to)].map((char) => ACCENTED[char] ?? char).join('');
  for (const match of text.matchAll(SYNTAX)) {
    out += words(last, match.index) + match[0];
    last = match.index + match[0].length;
  }
  return out + words(last, text.length);
}

export function pseudoMessage(text: string): string {
  const visible = text.replace(/\{[^{}]*\}/g, '').length;
  const extra = Math.ceil(visible * 0.4);
  let pad = '';
  for (let i = 0; i < extra; i += 1) pad += PADDING[i % PADDING.length];
  return `[${accent(text)} ${pad}]`;
}

export function pseudoCatalogue(english: Catalogue = englishCatalogue()): Catalogue {
  const out = {} as Record<MessageId, string>;
  for (const id of Object.keys(english) as MessageId[]) out[id] = pseudoMessage(english[id]);
  return out;
}
