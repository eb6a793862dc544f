import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';
import { rendererConfig } from './renderer/vite.config';

// main: ESM, dependencies stay external (node_modules ships with the app). `relay` for plain Node is built by
// electron/cli/vite.config.ts (npm run build runs both); the installed app runs the same CLI code in CLI mode.
// preload: ONE CommonJS file with its imports bundled in, because sandboxed preloads cannot load modules.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // keytar is an optional native dependency: load it from node_modules (rebuilt for Electron), never bundle it.
      externalizeDeps: { include: ['keytar'] },
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'electron/main/index.ts'),
          // The history reader thread (messages/reader.ts finds it beside the bundle by this name).
          'messages-reader': resolve(import.meta.dirname, 'electron/main/messages/reader-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'electron/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: rendererConfig(import.meta.dirname),
});
