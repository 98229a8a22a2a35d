// English as this bundle has it: the shared messages, plus the tab's own once its entry adds them.
import { en, type Catalogue } from './en.ts';

let english = { ...en } as Catalogue;

export function englishCatalogue(): Catalogue {
  return english;
}

/** Called by an entry before its first render (src/main.tsx adds the tab's text). */
export function addEnglish(part: Partial<Catalogue>): void {
  english = { ...english, ...part };
}
