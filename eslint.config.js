import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/**
 * Capability folders under electron/main/: each is used by the others and by the CLI only through its index.ts
 * (its public module), never its internals. Infrastructure (db, gateway, jobs, lib, account, log, preflight) is
 * not in the list; db/migrations.ts takes each capability's schema.ts as it is (the migrations' registration point).
 */
const CAPABILITIES = [
  'app',
  'campaigns',
  'contacts',
  'desktop',
  'devices',
  'inbox',
  'messages',
  'newsletters',
  'optouts',
  'sending',
  'session',
  'settings',
];

/** Main may not import Electron outside its thin wiring files (repeated in the capability rule below: same rule). */
const ELECTRON_PATHS = ['electron', 'electron-updater', 'electron-context-menu'];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'renderer/dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      // Type-aware rules that do not fit this codebase, each with its reason:
      // `async` without `await` is how a handler, a fake or a kind's hook returns a promise and turns a throw into a rejection.
      '@typescript-eslint/require-await': 'off',
      // Services are closure objects, not classes: their interfaces use method shorthand, and nothing relies on `this`.
      '@typescript-eslint/unbound-method': 'off',
      // `MessageStatusCode | number` documents the values expected; `keyof … & string` is flagged though it narrows.
      '@typescript-eslint/no-redundant-type-constituents': 'off',
      // What was caught is re-thrown or passed on as it is (an AppFailure, a GatewayError, a fault), often after
      // a `!== undefined` check that makes `unknown` into `{}`, which these rules no longer see as unknown.
      '@typescript-eslint/only-throw-error': 'off',
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
    },
  },
  {
    // Tests and benches read JSON and use vitest's asymmetric matchers (typed any); the code they test is checked.
    files: ['test/**/*.{ts,tsx}', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
      // `(screen.getByRole(…) as HTMLSelectElement)` reads as well as the generic form; not worth the churn.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Lint's project service types these files under another tsconfig than tsconfig.web.json (i18next's keys,
      // literal types): casts it calls unnecessary are needed by the renderer's own typecheck.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
    },
  },
  {
    // shared/ is imported by every layer, so it must stay free of Electron, Node built-ins and React.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['electron', 'node:*', 'react', 'react-dom', 'fs', 'path', 'os', 'http', 'crypto'] }],
    },
  },
  {
    // Pure main-process modules run in plain Node under vitest: only the thin wiring may import electron.
    files: ['electron/main/**/*.ts'],
    ignores: [
      'electron/main/index.ts',
      'electron/main/ipc.ts',
      'electron/main/window.ts',
      'electron/main/electron-deps.ts',
      'electron/main/tray.ts',
      'electron/main/desktop/electron/**',
    ],
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
        {
          patterns: [
            { regex: '(^|/)sandbox(/|$)', message: 'Main loads the sandbox only through electron/main/sandbox-loader.ts (a lazy import).' },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportExpression[source.value=/(^|\\/)sandbox(\\/|$)/]',
          message: 'Main loads the sandbox only through electron/main/sandbox-loader.ts.',
        },
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
  // A capability imports another only through its index.ts: `../contacts` yes, `../contacts/import-job` no.
  // desktop/electron/ is Electron wiring (imported by the app's start, never by a capability).
  ...CAPABILITIES.map((cap) => ({
    files: [`electron/main/${cap}/**/*.ts`],
    ignores: ['electron/main/desktop/electron/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ELECTRON_PATHS,
          patterns: [
            {
              regex: `^(\\.\\./)+(${CAPABILITIES.filter((other) => other !== cap).join('|')})/(?!index$).+`,
              message: `Import another capability through its index.ts (its public module), not its internals.`,
            },
          ],
        },
      ],
    },
  })),
  {
    // The CLI is another front on the same capabilities: it too asks through their index.ts.
    files: ['electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^(\\.\\./)+main/(${CAPABILITIES.join('|')})/(?!index$).+`,
              message: 'The CLI imports a capability through its index.ts (its public module), not its internals.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { ...globals.node } },
  },
);
