import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// `relay` as plain JavaScript for Node (package.json `bin`: out/cli/relay.js and its chunks): its dependencies bundled
// in, so a scheduled task's cold start does not resolve hundreds of small files; only the native modules
// (better-sqlite3, the optional keytar) load from node_modules.
const ROOT = resolve(import.meta.dirname, '../..');
const NATIVE = ['better-sqlite3', 'keytar', 'electron'];

export default defineConfig({
  root: ROOT,
  logLevel: 'warn',
  build: {
    ssr: resolve(ROOT, 'electron/cli/main.ts'),
    outDir: resolve(ROOT, 'out/cli'),
    emptyOutDir: true,
    target: 'node22',
    minify: true,
    sourcemap: false,
    rollupOptions: {
      external: [...NATIVE, ...builtinModules, ...builtinModules.map((m) => `node:${m}`)],
      // relay.js stays tiny (`--version` answers before the rest loads); the commands come in as chunks.
      output: { format: 'esm', entryFileNames: 'relay.js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
  ssr: { noExternal: true, external: NATIVE },
});
