import { describe, expect, it } from 'vitest';
import { catalogueFor, chooseLanguage, formattingLocale } from './locales.ts';

describe('choosing a catalogue', () => {
  it('reads Finesse locales (underscore) and browser tags alike', () => {
    expect(catalogueFor('de_DE')).toBe('de');
    expect(catalogueFor('ja-JP')).toBe('ja');
    expect(catalogueFor('pt_BR')).toBe('pt-BR');
    expect(catalogueFor('en_US')).toBe('en');
  });

  it('falls back by language, then to English', () => {
    expect(catalogueFor('fr_BE')).toBe('fr');
    expect(catalogueFor('fr_CA')).toBe('fr-CA');
    expect(catalogueFor('de-CH')).toBe('de');
    expect(catalogueFor('pt_PT')).toBe('pt-BR');
    expect(catalogueFor('nb_NO')).toBeNull();
    expect(chooseLanguage(['nb_NO'])).toBe('en');
    expect(chooseLanguage(['nb-NO', 'sv-SE', 'en'])).toBe('sv');
    expect(chooseLanguage([])).toBe('en');
  });

  it('tells Traditional from Simplified Chinese by script or region', () => {
    expect(catalogueFor('zh_TW')).toBe('zh-Hant');
    expect(catalogueFor('zh-HK')).toBe('zh-Hant');
    expect(catalogueFor('zh-Hant')).toBe('zh-Hant');
    expect(catalogueFor('zh_CN')).toBe('zh-Hans');
    expect(catalogueFor('zh')).toBe('zh-Hans');
    expect(catalogueFor('zh-SG')).toBe('zh-Hans');
  });

  it('ignores what is not a language tag', () => {
    expect(catalogueFor('')).toBeNull();
    expect(catalogueFor('not a locale!')).toBeNull();
    expect(chooseLanguage(['', '%%', 'ko_KR'])).toBe('ko');
  });

  it('offers the pseudo-locale only by its own tag', () => {
    expect(catalogueFor('en_XA')).toBe('en-XA');
    expect(catalogueFor('en-GB')).toBe('en');
  });

  it('formats for the region within the language shown', () => {
    expect(formattingLocale('de_AT', 'de')).toBe('de-AT');
    expect(formattingLocale('fr_BE', 'fr')).toBe('fr-BE');
    expect(formattingLocale('nb_NO', 'en')).toBe('en');
    expect(formattingLocale('en-US', 'ja')).toBe('ja');
  });
});
