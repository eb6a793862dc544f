import { defineConfig } from 'vitest/config';

// Four projects so `npm test` can run them in order and a developer can run one alone:
// unit (pure logic), component (screens on jsdom with Testing Library against a fake bridge),
// integration (real HTTP to the sandbox, the real keychain), e2e (Chromium).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          // Run through vite (not Node's loader) so a test's vi.mock('electron') reaches them: the context menu's
          // wiring is tested with the real library and only Electron replaced.
          server: { deps: { inline: ['electron-context-menu', 'electron-dl', 'electron-is-dev'] } },
        },
      },
      {
        // CSS Modules resolve to their class names, so the markup under test is the markup shipped.
        css: { modules: { generateScopedName: '[local]' } },
        test: {
          name: 'component',
          include: ['test/component/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['test/component/setup.ts'],
          css: { include: [/\.module\.css$/] },
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // A screen may wait on main's own retries (reads back off ~0.3–1 s before failing): the 1 s
          // default of expect.poll is shorter than that path. Playwright's own waits use 10 s too.
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
