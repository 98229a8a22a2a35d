// Writes the pseudo-locale's catalogue (src/i18n/catalogues/en-XA.json) from English: run after
// changing English text (`npm run i18n:pseudo`); src/i18n/catalogues.test.ts fails until then.
import { writeFileSync } from 'node:fs';
import { allEnglish } from '../src/i18n/allEnglish.ts';
import { pseudoCatalogue } from '../src/i18n/pseudo.ts';

const file = new URL('../src/i18n/catalogues/en-XA.json', import.meta.url);
writeFileSync(file, `${JSON.stringify(pseudoCatalogue(allEnglish), null, 2)}\n`);
console.log(`wrote ${file.pathname}`);
