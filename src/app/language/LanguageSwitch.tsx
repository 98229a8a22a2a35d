// The tab's language switch: every language by its own name, remembered for the next visit.
import { useId } from 'react';
import { catalogueFor, LANGUAGES, type LanguageTag } from '../../i18n/locales.ts';
import { t } from '../../i18n/messages.ts';
import { useLanguage } from './LanguageContext.tsx';

/** Each language by its own name (the tab's switch only: the gadget's bundle does not carry them). */
const NAMES: Record<LanguageTag, string> = {
  en: 'English',
  de: 'Deutsch',
  fr: 'Français (France)',
  'fr-CA': 'Français (Canada)',
  es: 'Español',
  it: 'Italiano',
  'pt-BR': 'Português (Brasil)',
  nl: 'Nederlands',
  sv: 'Svenska',
  da: 'Dansk',
  ja: '日本語',
  ko: '한국어',
  'zh-Hans': '简体中文',
  'zh-Hant': '繁體中文',
  ru: 'Русский',
  pl: 'Polski',
  tr: 'Türkçe',
  'en-XA': 'en-XA',
};

export function LanguageSwitch() {
  const { tag, failed, loading, choose } = useLanguage();
  const id = useId();
  if (!choose) return null;
  const shown = loading ?? tag;
  return (
    <div className="language-switch">
      <label htmlFor={id}>{t('language.label')}</label>
      <select
        id={id}
        value={shown}
        onChange={(event) => {
          const next = catalogueFor(event.target.value);
          if (next) choose(next);
        }}
      >
        {/* The pseudo-locale is listed only while it is in use (a test or a layout check). */}
        {LANGUAGES.some((language) => language === shown) ? null : (
          <option value={shown}>{NAMES[shown]}</option>
        )}
        {LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {NAMES[language]}
          </option>
        ))}
      </select>
      {failed !== null && failed !== tag ? (
        <p className="language-problem" role="alert">
          {t('language.loadFailed', {
            language: NAMES[failed],
            current: NAMES[tag],
          })}
        </p>
      ) : null}
    </div>
  );
}
