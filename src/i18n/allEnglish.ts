// Every English message, shared and tab-only: the reference for tests and tools (no bundle uses it).
import { en, type Catalogue } from './en.ts';
import { enTab } from './enTab.ts';

export const allEnglish: Catalogue = { ...en, ...enTab };
