// Every catalogue has every English key, with the same placeholders and every plural form its
// language needs. A failure lists exactly what is missing, per language.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { catalogueUrls, readCatalogue } from './catalogues.ts';
import { allEnglish as en } from './allEnglish.ts';
import { addEnglish } from './english.ts';
import type { MessageId } from './en.ts';
import { enTab } from './enTab.ts';
import { formatMessage, messageShape } from './format.ts';
import { LANGUAGES, PSEUDO_TAG, type CatalogueTag } from './locales.ts';
import { pseudoCatalogue } from './pseudo.ts';

// As the tab's entry does: catalogues are read against all of English.
addEnglish(enTab);

const folder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'catalogues');
const ids = Object.keys(en) as MessageId[];
const translated = LANGUAGES.filter((tag) => tag !== 'en');

function load(tag: CatalogueTag): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(folder, `${tag}.json`), 'utf8')) as Record<
    string,
    unknown
  >;
}

/** What a message in `tag` must have that it lacks, in words; [] when complete. */
function problems(tag: CatalogueTag, catalogue: Record<string, unknown>): string[] {
  const found: string[] = [];
  const needed = new Intl.PluralRules(tag).resolvedOptions().pluralCategories;
  for (const id of ids) {
    const text = catalogue[id];
    if (typeof text !== 'string' || text.trim() === '') {
      found.push(`${id}: missing`);
      continue;
    }
    const want = messageShape(en[id]);
    const have = messageShape(text);
    if (want.values.join() !== have.values.join()) {
      found.push(
        `${id}: placeholders {${have.values.join('}, {')}} ≠ {${want.values.join('}, {')}}`,
      );
    }
    for (const name of Object.keys(want.plurals)) {
      const forms = have.plurals[name] ?? [];
      const lacking = needed.filter((category) => !forms.includes(category));
      if (lacking.length > 0)
        found.push(`${id}: {${name}} lacks plural forms ${lacking.join(', ')}`);
    }
  }
  for (const id of Object.keys(catalogue)) {
    if (!(id in en)) found.push(`${id}: not an English key (renamed or removed?)`);
  }
  return found;
}

describe('catalogues', () => {
  it('has a file for every language offered, and no file for a language not offered', () => {
    const files = readdirSync(folder)
      .filter((name) => name.endsWith('.json'))
      .map((name) => name.slice(0, -'.json'.length))
      .sort();
    expect(files).toEqual([...translated, PSEUDO_TAG].sort());
  });

  it.each(translated)('%s has every key with the same placeholders and its plural forms', (tag) => {
    expect(problems(tag, load(tag))).toEqual([]);
  });

  it.each(translated)('%s is not English left untranslated', (tag) => {
    const catalogue = load(tag);
    // Names and symbols may stay as they are ("OK", "{seconds} s"); sentences may not.
    const same = ids.filter((id) => catalogue[id] === en[id] && en[id].split(' ').length > 3);
    expect(same).toEqual([]);
  });

  it.each(translated)('%s renders every message with sample values', (tag) => {
    const catalogue = readCatalogue(tag, load(tag));
    for (const id of ids) {
      const values = Object.fromEntries(messageShape(en[id]).values.map((name) => [name, 3]));
      const text = formatMessage(catalogue[id], values, tag);
      expect(text, `${tag} ${id}`).not.toMatch(/\{\w+/);
    }
  });

  it('lists what a catalogue lacks, by key and by plural form', () => {
    const broken = { ...load('ru') } as Record<string, unknown>;
    delete broken['app.title'];
    broken['team.shown'] = 'Показано {shown} из {total, plural, one {# агента} other {# агентов}}';
    broken['signin.unknownUser'] = 'Нет пользователя {user}.';
    expect(problems('ru', broken)).toEqual([
      'app.title: missing',
      'signin.unknownUser: placeholders {user} ≠ {id}',
      'team.shown: {total} lacks plural forms few, many',
    ]);
  });

  it('the pseudo-locale keeps every placeholder and is about 40% longer', () => {
    const pseudo = pseudoCatalogue(en);
    expect(problems('en', pseudo)).toEqual([]);
    const length = (catalogue: Record<string, string>) =>
      ids.reduce((sum, id) => sum + formatMessage(catalogue[id] ?? '', {}, 'en').length, 0);
    expect(length(pseudo) / length(en)).toBeGreaterThan(1.35);
    expect(pseudo['app.title']).toMatch(/^\[Ågéñt státé/);
    // The file the build ships is this catalogue, current with English.
    const file = JSON.parse(
      readFileSync(path.join(folder, `${PSEUDO_TAG}.json`), 'utf8'),
    ) as unknown;
    expect(file, 'src/i18n/catalogues/en-XA.json is out of date: run npm run i18n:pseudo').toEqual(
      pseudo,
    );
  });
});

describe('where a catalogue is fetched from', () => {
  it('beside the script, and beside its own URL when Shindig proxies the script', () => {
    const own = 'https://finesse.example:8445/3rdpartygadget/files/agent-state/assets/gadget-a.js';
    const proxied = `https://finesse.example:8445/gadgets/proxy?container=default&url=${encodeURIComponent(own)}`;
    const [first, second, ...rest] = catalogueUrls('de', proxied);
    expect(first).toMatch(/de\.json/);
    expect(second).toMatch(
      /^https:\/\/finesse\.example:8445\/3rdpartygadget\/files\/agent-state\/assets\/de\.json$/,
    );
    expect(rest).toEqual([]);
    expect(catalogueUrls('de', own)).toHaveLength(1);
    expect(catalogueUrls('en', own)).toEqual([]);
  });

  it('reads only string messages for known ids; anything else keeps English', () => {
    const read = readCatalogue('de', { 'app.title': 'Agentenstatus', 'app.retry': 7, nope: 'x' });
    expect(read['app.title']).toBe('Agentenstatus');
    expect(read['app.retry']).toBe(en['app.retry']);
    expect(() => readCatalogue('de', ['x'])).toThrow(/not an object/);
  });
});
