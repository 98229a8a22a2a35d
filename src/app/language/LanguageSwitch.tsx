// The tab's language switch: every language by its own name, remembered for the next visit.
import { useId } from 'react';
import { catalogueFor, languageName, LANGUAGES } from '../../i18n/locales.ts';
import { t } from '../../messages.ts';
import { useLanguage } from './LanguageContext.tsx';

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
        {LANGUAGES.some((language) => language.tag === shown) ? null : (
          <option value={shown}>{shown}</option>
        )}
        {LANGUAGES.map((language) => (
          <option key={language.tag} value={language.tag} lang={language.tag}>
            {language.name}
          </option>
        ))}
      </select>
      {failed !== null && failed !== tag ? (
        <p className="language-problem" role="alert">
          {t('language.loadFailed', {
            language: languageName(failed),
            current: languageName(tag),
          })}
        </p>
      ) : null}
    </div>
  );
}
