import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'renderer/dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // shared/ is imported by every layer, so it must stay free of Electron, Node built-ins and React.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['electron', 'node:*', 'react', 'react-dom', 'fs', 'path', 'os', 'http', 'crypto'] },
      ],
    },
  },
  {
    // Pure main-process modules run in plain Node under vitest: only the thin wiring may import electron.
    files: ['electron/main/**/*.ts'],
    ignores: ['electron/main/index.ts', 'electron/main/ipc.ts', 'electron/main/window.ts', 'electron/main/electron-deps.ts', 'electron/main/tray.ts', 'electron/main/desktop/electron/**'],
    rules: { 'no-restricted-imports': ['error', { paths: ['electron', 'electron-updater', 'electron-context-menu'] }] },
  },
  {
    // Main, the CLI and the sandbox log through electron/log (levels, scopes, a file, secrets redacted).
    // The sandbox's own command line (cli.ts) talks to its user on the console.
    files: ['electron/main/**/*.ts', 'electron/cli/**/*.ts', 'electron/sandbox/**/*.ts', 'electron/log/**/*.ts'],
    ignores: ['electron/sandbox/cli.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    // The sandbox sits beside main, not in it: main reaches it only through the one lazy loader (so a
    // normal start never loads it), and the sandbox uses nothing of main's (its own zone maths, so a
    // client bug cannot hide in the emulator that tests it). A separate rule name, so the electron
    // restriction above still applies. Tests and benches may import the sandbox directly.
    files: ['electron/main/**/*.ts'],
    ignores: ['electron/main/sandbox-loader.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ regex: '(^|/)sandbox(/|$)', message: 'Main loads the sandbox only through electron/main/sandbox-loader.ts (a lazy import).' }] },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: 'ImportExpression[source.value=/(^|\\/)sandbox(\\/|$)/]', message: 'Main loads the sandbox only through electron/main/sandbox-loader.ts.' },
      ],
    },
  },
  {
    files: ['electron/sandbox/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The sandbox runs in plain Node.' }],
          patterns: [{ regex: '(^|/)main(/|$)', message: 'The sandbox imports nothing from electron/main (shared/ is fine).' }],
        },
      ],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
);
