import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build, type InlineConfig } from 'vite';
import { resolveConfig } from 'electron-vite';
import { readManifest, rendererSize } from '../../bench/renderer-size';

// The renderer the app ships (electron-vite build) is the renderer the e2e tests load (npm run
// build:renderer): one config, minified, and split so the window starts with the shell only.
const ROOT = resolve(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'relay-renderer-build-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function buildInto(config: InlineConfig, outDir: string): Promise<string> {
  await build({ ...config, logLevel: 'error', build: { ...config.build, outDir, emptyOutDir: true } });
  return outDir;
}

describe('renderer build', () => {
  it(
    'electron-vite and build:renderer produce the same minified, split renderer with a small first script',
    { timeout: 120_000 },
    async () => {
      // As `electron-vite build` resolves it (its defaults and plugins included), only the output moved.
      process.env.NODE_ENV_ELECTRON_VITE = 'production';
      const app = await resolveConfig({ root: ROOT }, 'build', 'production');
      const shipped = await buildInto(app.config!.renderer!, join(work, 'app'));
      const tested = await buildInto({ configFile: join(ROOT, 'renderer/vite.config.ts') }, join(work, 'e2e'));

      // Same chunks with the same content hashes: the app and the e2e tests run the same code.
      expect(Object.keys(readManifest(shipped)).sort()).toEqual(Object.keys(readManifest(tested)).sort());

      const size = rendererSize(shipped);
      expect(size.firstScriptKb).toBeLessThan(500);
      // With what it imports before the first screen (React, the router, queries; the words come on their own).
      expect(size.firstLoadKb).toBeLessThan(500);
      // Every screen and the sign-in form are fetched when first opened, not with the first script.
      expect(size.lazyChunks).toEqual(
        expect.arrayContaining(
          ['home', 'devices', 'contacts', 'newsletters', 'campaigns', 'messages', 'send', 'settings', 'sign-in'].map((screen) =>
            expect.stringMatching(new RegExp(`src/pages/${screen}/`)),
          ),
        ),
      );
      // Minified: no comments, a handful of very long lines.
      const manifest = readManifest(shipped);
      const entry = Object.values(manifest).find((chunk) => chunk.isEntry)!;
      const code = readFileSync(join(shipped, entry.file), 'utf8');
      expect(code.split('\n').length).toBeLessThan(50);
      expect(code).not.toMatch(/^\s*\/\/ /m);
    },
  );
});
