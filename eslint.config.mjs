// Lint rules that keep the architecture honest: which runtime a folder may import, and that only
// the typed wrappers touch Electron's IPC (GitHub Desktop's rule; Signal's per-runtime imports).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'worker_threads', 'http', 'https', 'net', 'crypto', 'stream', 'url', 'util', 'zlib', 'events', 'module'];

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.native/**', 'coverage/**', '.tmp*', '.tmp*/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Only the typed wrappers may touch raw IPC.
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', importNames: ['ipcMain', 'ipcRenderer'], message: 'Use the typed wrappers in electron/main/ipc-main.ts or the preload.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/main/ipc-main.ts', 'electron/main/index.ts', 'electron/preload/index.ts', '**/*.test.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // shared/ runs in main, preload, renderer and the CLI: no Electron, no Node, no DOM.
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['electron', 'electron/*', ...NODE_BUILTINS], message: 'shared/ must run anywhere: no Electron, Node or DOM imports.' }] }],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'process', 'Buffer', '__dirname', 'require'],
    },
  },
  {
    // The core is plain Node: the CLI and the tests run it without Electron.
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['electron', 'electron/*'], message: 'electron/core is plain Node: pass Electron things in from electron/main.' }] }],
    },
  },
  {
    // The renderer talks to main only through window.fleet.
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: [{ group: ['electron', 'electron/*', ...NODE_BUILTINS, '**/electron/**'], message: 'The renderer reaches main only through window.fleet (the contract).' }] }],
    },
  },
);
