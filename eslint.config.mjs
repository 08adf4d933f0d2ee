// Lint rules that keep the architecture honest: which runtime a folder may import, and that only
// the typed wrappers touch Electron's IPC (GitHub Desktop's rule; Signal's per-runtime imports).
import js from '@eslint/js';
import sdl from '@microsoft/eslint-plugin-sdl';
import reactPlugin from 'eslint-plugin-react';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Loopback addresses are the only plain-http URLs allowed: the vPIC simulator and the e2e host
// listen on 127.0.0.1, and electron-vite's dev server on localhost. Anything else must be https.
const LOOPBACK_URL_EXCEPTIONS = [
  '^http://localhost([:/]|$)',
  '^http://127\\.0\\.0\\.1([:/]|$)',
  '^http://\\[::1\\]([:/]|$)',
  // Dummy hosts that are never fetched (RFC 2606 reserved names in spreadsheet-formula test data).
  '^http://[a-z0-9.-]+\\.(example|test|invalid)([:/"]|$)',
];

// webPreferences values that turn an Electron security-checklist item off
// (https://www.electronjs.org/docs/latest/tutorial/security). @microsoft/sdl only ships
// no-electron-node-integration, so the rest are spelled out as syntax selectors.
const INSECURE_WEB_PREFERENCES = [
  ['contextIsolation', false, 'item 3: keep context isolation on'],
  ['sandbox', false, 'item 4: keep the renderer sandboxed'],
  ['webSecurity', false, 'item 6: never disable webSecurity'],
  ['allowRunningInsecureContent', true, 'item 8: never allow insecure content'],
  ['experimentalFeatures', true, 'item 9: no experimental features'],
  ['enableBlinkFeatures', null, 'item 10: no enableBlinkFeatures'],
  ['webviewTag', true, 'item 12: no <webview>'],
].map(([key, value, message]) => ({
  selector:
    value === null
      ? `Property[key.name='${key}']`
      : `Property[key.name='${key}'][value.value=${String(value)}]`,
  message: `Electron security checklist ${message}.`,
}));

// ipcMain/ipcRenderer under every name Electron exports them by.
const RAW_IPC_IMPORTS = [
  { name: 'electron', importNames: ['ipcMain', 'ipcRenderer'], message: 'Use the typed wrappers in electron/main/ipc-main.ts or the preload.' },
  { name: 'electron/main', importNames: ['ipcMain'], message: 'Use the typed wrappers in electron/main/ipc-main.ts.' },
  { name: 'electron/renderer', importNames: ['ipcRenderer'], message: 'Use the preload\'s typed API.' },
];
// Test-only code (the simulator, fixtures, generators, benches) never ships in a product bundle.
const TEST_SUPPORT_IMPORTS = {
  group: ['**/testing', '**/testing/**', '**/bench', '**/bench/**'],
  message: 'Product code must not import test support (testing/, bench/).',
};
// webContents.send outside ipc-main.ts would skip the contract's typed events.
const RAW_SEND = [
  { selector: "CallExpression[callee.property.name='send'][callee.object.property.name='webContents']", message: 'Send events through sendEvent in electron/main/ipc-main.ts.' },
  { selector: "CallExpression[callee.property.name='send'][callee.object.name='webContents']", message: 'Send events through sendEvent in electron/main/ipc-main.ts.' },
];

const NODE_BUILTINS = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'worker_threads', 'http', 'https', 'net', 'crypto', 'stream', 'url', 'util', 'zlib', 'events', 'module'];

const RENDERER_RUNTIME = { group: ['electron', 'electron/*', ...NODE_BUILTINS, '**/electron/**'], message: 'The renderer reaches main only through window.fleet (the contract).' };

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.native/**', 'coverage/**', '.tmp*', '.tmp*/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Only the typed wrappers may touch raw IPC; product code never reaches into test support.
      'no-restricted-imports': ['error', { paths: RAW_IPC_IMPORTS, patterns: [TEST_SUPPORT_IMPORTS] }],
    },
  },
  {
    // The typed IPC wrappers themselves, and the shell that hands ipcMain to them.
    files: ['electron/main/ipc-main.ts', 'electron/main/index.ts', 'electron/preload/index.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [TEST_SUPPORT_IMPORTS] }] },
  },
  {
    // Tests mock Electron and use the test support.
    files: ['**/*.test.ts', '**/*.test.tsx', 'testing/**', 'bench/**', 'e2e/**', 'scripts/**', 'tools/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // shared/ runs in main, preload, renderer and the CLI: no Electron, no Node, no DOM.
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['electron', 'electron/*', ...NODE_BUILTINS], message: 'shared/ must run anywhere: no Electron, Node or DOM imports.' }, TEST_SUPPORT_IMPORTS] }],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'process', 'Buffer', '__dirname', 'require'],
    },
  },
  {
    // The core is plain Node: the CLI and the tests run it without Electron.
    files: ['electron/core/**/*.ts'],
    ignores: ['electron/core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'electron/*'], message: 'electron/core is plain Node: pass Electron things in from electron/main.' },
            { group: ['**/main', '**/main/**', '**/cli', '**/cli/**', '**/preload', '**/preload/**'], message: 'electron/core is the layer the shells use: it never imports the Electron shell, the CLI or the preload.' },
            TEST_SUPPORT_IMPORTS,
          ],
        },
      ],
    },
  },
  {
    // The CLI is plain Node beside the Electron shell: it uses the core, never main/.
    files: ['electron/cli/**/*.ts'],
    ignores: ['electron/cli/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'electron/*'], message: 'The CLI runs in plain Node: no Electron.' },
            { group: ['**/main', '**/main/**', '**/preload', '**/preload/**'], message: 'The CLI uses the core, never the Electron shell.' },
            TEST_SUPPORT_IMPORTS,
          ],
        },
      ],
    },
  },
  {
    // The renderer talks to main only through window.fleet.
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: [RENDERER_RUNTIME, TEST_SUPPORT_IMPORTS] }],
    },
  },
  {
    // The renderer's tests may use the shared fixtures, still never main's code.
    files: ['renderer/**/*.test.{ts,tsx}', 'renderer/**/*.test-support.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [RENDERER_RUNTIME] }] },
  },
  // --- Security lint (@microsoft/eslint-plugin-sdl) -------------------------------------
  {
    // Rules that apply to every runtime: no eval-like code, no plain-http URLs except loopback.
    files: ['**/*.{ts,tsx,mjs,js}'],
    plugins: { '@microsoft/sdl': sdl },
    rules: {
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      '@microsoft/sdl/no-insecure-url': ['error', { exceptions: LOOPBACK_URL_EXCEPTIONS }],
    },
  },
  {
    // The simulator and the e2e host build URLs from the loopback host they just bound
    // (`http://${host}:${port}`); the literal part is only the scheme.
    files: ['testing/**/*.ts', 'e2e/**/*.ts'],
    rules: {
      '@microsoft/sdl/no-insecure-url': ['error', { exceptions: [...LOOPBACK_URL_EXCEPTIONS, '^http://$'] }],
    },
  },
  {
    // Main process and preload: the SDL Electron rule, Node's unsafe Buffer allocation and
    // deprecated APIs, and the checklist's other webPreferences switches.
    files: ['electron/**/*.ts'],
    ignores: ['electron/**/*.test.ts'],
    plugins: { '@microsoft/sdl': sdl, n: sdl.configs.node[0].plugins.n },
    rules: {
      '@microsoft/sdl/no-electron-node-integration': 'error',
      '@microsoft/sdl/no-unsafe-alloc': 'error',
      'n/no-deprecated-api': 'error',
      'no-restricted-syntax': ['error', ...INSECURE_WEB_PREFERENCES, ...RAW_SEND],
    },
  },
  {
    // The one module that sends the contract's events.
    files: ['electron/main/ipc-main.ts'],
    rules: { 'no-restricted-syntax': ['error', ...INSECURE_WEB_PREFERENCES] },
  },
  {
    // The page: no HTML injection sinks, no cookies, no postMessage to '*', no target=_blank
    // leaks, no dangerouslySetInnerHTML (CSP is the second line of defence, not the first).
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { '@microsoft/sdl': sdl, react: reactPlugin },
    languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
    rules: {
      '@microsoft/sdl/no-cookies': 'error',
      '@microsoft/sdl/no-document-domain': 'error',
      '@microsoft/sdl/no-document-write': 'error',
      '@microsoft/sdl/no-html-method': 'error',
      '@microsoft/sdl/no-inner-html': 'error',
      '@microsoft/sdl/no-msapp-exec-unsafe': 'error',
      '@microsoft/sdl/no-postmessage-star-origin': 'error',
      '@microsoft/sdl/no-winjs-html-unsafe': 'error',
      '@microsoft/sdl/no-insecure-random': 'off',
      'react/no-danger': 'error',
      'react/jsx-no-target-blank': ['error', { allowReferrer: false, enforceDynamicLinks: 'always', warnOnSpreadAttributes: true }],
      'react/iframe-missing-sandbox': 'error',
    },
  },
);
