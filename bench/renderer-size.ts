import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

// What a built renderer makes the window load before its first screen, read from Vite's manifest
// (out/renderer/.vite/manifest.json, written by the one renderer build config).

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  src?: string;
}
export type Manifest = Record<string, ManifestChunk>;

export interface RendererSize {
  /** The entry script index.html names (what the issue calls the first script), kB of 1000 bytes. */
  firstScriptKb: number;
  /** The entry plus every chunk it imports statically: all the JavaScript parsed before the first screen. */
  firstLoadKb: number;
  /** The chunks fetched on demand (screens, the sign-in form…), by manifest key. */
  lazyChunks: string[];
}

export function readManifest(outDir: string): Manifest {
  return JSON.parse(readFileSync(join(outDir, '.vite/manifest.json'), 'utf8')) as Manifest;
}

export function rendererSize(outDir: string): RendererSize {
  const manifest = readManifest(outDir);
  const entry = Object.values(manifest).find((chunk) => chunk.isEntry);
  if (!entry) throw new Error(`no entry chunk in ${outDir}/.vite/manifest.json`);
  const kb = (file: string) => statSync(join(outDir, file)).size / 1000;
  const first = new Set<string>();
  const visit = (chunk: ManifestChunk) => {
    if (first.has(chunk.file)) return;
    first.add(chunk.file);
    for (const key of chunk.imports ?? []) visit(manifest[key]!);
  };
  visit(entry);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    firstScriptKb: round(kb(entry.file)),
    firstLoadKb: round([...first].reduce((sum, file) => sum + kb(file), 0)),
    lazyChunks: entry.dynamicImports ?? [],
  };
}
