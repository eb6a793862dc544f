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
    ssr: true,
    outDir: resolve(ROOT, 'out/cli'),
    emptyOutDir: true,
    target: 'node22',
    minify: true,
    sourcemap: false,
    rollupOptions: {
      external: [...NATIVE, ...builtinModules, ...builtinModules.map((m) => `node:${m}`)],
      // The history mirror's thread beside relay.js (messages/thread.ts finds it by this name), as beside the
      // app's main bundle: a big `relay history` reads and writes there, not on the CLI's own thread.
      input: { relay: resolve(ROOT, 'electron/cli/main.ts'), 'messages-reader': resolve(ROOT, 'electron/main/messages/reader-worker.ts') },
      // relay.js stays tiny (`--version` answers before the rest loads); the commands come in as chunks.
      output: { format: 'esm', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
  ssr: { noExternal: true, external: NATIVE },
});
