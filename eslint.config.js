// Lint rules: typescript-eslint recommended, React hooks rules, no alert/confirm/prompt anywhere,
// no import cycles, and the one-way layers of docs/architecture.md.
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-alert': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // No import cycles: a cycle makes two modules one, and their load order fragile.
    files: [
      'src/**/*.{ts,tsx}',
      'sim/**/*.ts',
      'test/**/*.{ts,tsx}',
      'e2e/**/*.ts',
      'bench/**/*.ts',
    ],
    plugins: { 'import-x': importX },
    settings: {
      // Read TypeScript modules with typescript-eslint's parser; imports name their files (.ts).
      'import-x/extensions': ['.ts', '.tsx'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver()],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    // src and sim must never import each other: a shared parser would hide shared bugs.
    files: ['src/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/sim/**', '../sim/*'] }] },
  },
  {
    // One-way layers: src/finesse is plain TypeScript (no React, no app, no host) ...
    files: ['src/finesse/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['**/sim/**', 'react', 'react-dom', '@tanstack/*', '**/app/**', '**/host/**'] },
      ],
    },
  },
  {
    // ... and the hosts know nothing of the React app above them.
    files: ['src/host/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['**/sim/**', 'react', 'react-dom', '**/app/**'] },
      ],
    },
  },
  {
    // ... src/i18n is text and formatting for both hosts: no React, no app, no host ...
    files: ['src/i18n/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['**/sim/**', 'react', 'react-dom', '@tanstack/*', '**/app/**', '**/host/**'] },
      ],
    },
  },
  {
    // ... and src/utils, below them all, holds plain helpers that import nothing of the product.
    files: ['src/utils/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            '**/sim/**',
            'react',
            'react-dom',
            '@tanstack/*',
            '**/app/**',
            '**/host/**',
            '**/finesse/**',
            '**/i18n/**',
          ],
        },
      ],
    },
  },
  {
    files: ['sim/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/src/**'] }] },
  },
);
