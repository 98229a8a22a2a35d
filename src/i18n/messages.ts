// The active language's messages: every piece of UI text goes through t(). English is built in;
// another language is loaded (src/i18n/catalogues.ts) and activated before the UI renders in it.
import type { ExplanationKey } from '../finesse/errors.ts';
import type { EntryName, ReasonCodeProblem } from '../finesse/reasonCodes.ts';
import type { UserState } from '../finesse/states.ts';
import type { Catalogue, MessageId } from './en.ts';
import { englishCatalogue } from './english.ts';
import { formatMessage, type MessageValues } from './format.ts';
import type { LanguageTag } from './locales.ts';

export type { MessageId };

interface Active {
  tag: LanguageTag;
  /** What Intl formats numbers, times and plurals for, e.g. 'de-AT' with the German text. */
  locale: string;
  messages: Catalogue;
}

let active: Active = { tag: 'en', locale: 'en', messages: englishCatalogue() };

/** Makes a loaded catalogue the one t() reads; the page's `lang` follows (for screen readers). */
export function activateLanguage(tag: LanguageTag, locale: string, messages: Catalogue): void {
  active = { tag, locale, messages };
  if (typeof document !== 'undefined') document.documentElement.lang = tag;
}

export function activeLanguage(): { tag: LanguageTag; locale: string } {
  return { tag: active.tag, locale: active.locale };
}

/** Looks up a message in the active language and fills its placeholders and plural forms. */
export function t(id: MessageId, values: MessageValues = {}): string {
  return formatMessage(active.messages[id] ?? englishCatalogue()[id] ?? id, values, active.locale);
}

export function stateName(state: UserState): string {
  return t(`stateName.${state}`);
}

export function explanationTitle(key: ExplanationKey): string {
  return t(`explain.${key}.title`);
}

export function explanationAction(key: ExplanationKey): string {
  return t(`explain.${key}.action`);
}

/** A reason-list problem in words. */
export function reasonProblemText(problem: ReasonCodeProblem): string {
  const name = (entry: EntryName) =>
    entry.label !== ''
      ? t('reasonProblem.named', { label: entry.label })
      : entry.code !== ''
        ? t('reasonProblem.byCode', { code: entry.code })
        : t('reasonProblem.unnamed');
  switch (problem.kind) {
    case 'noId':
      return t('reasonProblem.noId', {
        name: name(problem.entry),
        uri: problem.uri === '' ? t('reasonProblem.noUri') : `"${problem.uri}"`,
      });
    case 'unknownCategory':
      return t('reasonProblem.unknownCategory', {
        name: name(problem.entry),
        category: problem.category,
      });
    case 'listCategory':
      return t('reasonProblem.listCategory', { asked: problem.asked, listed: problem.listed });
    case 'tooMany':
      return t('reasonProblem.tooMany', {
        count: problem.count,
        category: problem.category,
        offered: problem.offered,
      });
    case 'wrongCategory':
      return t('reasonProblem.wrongCategory', {
        label: problem.label,
        category: problem.category,
        list: problem.list,
      });
    case 'duplicateId':
      return t('reasonProblem.duplicateId', { label: problem.label, id: problem.id });
  }
}
