import { defineConfig, type Plugin, type UserConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

// Renderer build, shared by electron-vite (the app) and `npm run build:renderer` (e2e tests serve it
// to Chromium). The strict CSP sits in index.html; only the dev server gets a looser one for HMR.
const devCsp: Plugin = {
  name: 'relay-dev-csp',
  apply: 'serve',
  transformIndexHtml: (html) =>
    html.replace(
      /(http-equiv="Content-Security-Policy"\s+content=")[^"]*"/,
      "$1default-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self' ws:\"",
    ),
};

/** Paths come from the repo root the caller passes: config bundlers move import.meta.dirname. */
export function rendererConfig(repoRoot: string): UserConfig {
  return {
    root: resolve(repoRoot, 'renderer'),
    base: './',
    plugins: [react(), devCsp],
    // Every build setting is spelt out here, so electron-vite's renderer defaults (unminified, its own
    // target) never apply: the app ships exactly what the e2e tests load.
    build: {
      outDir: resolve(repoRoot, 'out/renderer'),
      emptyOutDir: true,
      // Electron 45's Chromium (electron-vite's own pick); Debian's Chromium that e2e drives is newer.
      target: 'chrome152',
      minify: true,
      // Both Chromiums preload modules natively.
      modulePreload: { polyfill: false },
      // .vite/manifest.json: which chunk is the entry and what it loads (the size check and bench read it).
      manifest: true,
      rollupOptions: { input: resolve(repoRoot, 'renderer/index.html') },
    },
  };
}

export default defineConfig(rendererConfig(resolve(import.meta.dirname, '..')));
