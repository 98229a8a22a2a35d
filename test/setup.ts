// Vitest setup: the tab's English, jest-dom matchers, Testing Library's waiting bound, and DOM
// cleanup (and an empty sessionStorage) after each component test.
import '@testing-library/jest-dom/vitest';
import { afterEach, beforeAll } from 'vitest';
import { addEnglish } from '../src/i18n/english.ts';
import { enTab } from '../src/i18n/enTab.ts';

// Component tests render the tab's views too: English as the tab's entry has it (src/main.tsx).
// What the gadget alone carries is checked by test/gadgetMessages.test.ts.
addEnglish(enTab);

beforeAll(async () => {
  if (typeof document === 'undefined') return;
  // findBy*/waitFor wait for the state itself; 1 s (the default) is only the bound, and a busy
  // 2-core CI machine can take longer than that to answer over loopback and render.
  const { configure } = await import('@testing-library/react');
  configure({ asyncUtilTimeout: 5_000 });
});

afterEach(async () => {
  if (typeof document !== 'undefined') {
    const { cleanup } = await import('@testing-library/react');
    cleanup();
    // A new tab for every test: what a view keeps for its tab (the team view's settings) starts empty.
    globalThis.sessionStorage?.clear();
  }
});
