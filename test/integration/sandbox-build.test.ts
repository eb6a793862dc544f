import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The sandbox is not part of a normal start: the main build must keep it in its own chunk, reached only
// by a dynamic import (the "Try without an account" door), and that chunk must not pull main in.
// Built into a folder of its own so it never races build.test.ts over out/.
const ROOT = resolve(import.meta.dirname, '../..');
let outDir = '';

afterAll(async () => {
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

describe('electron-vite main build and the sandbox', () => {
  it('emits the sandbox as a separate chunk that main loads lazily', { timeout: 180_000 }, async () => {
    outDir = await mkdtemp(join(tmpdir(), 'relay-build-'));
    execFileSync('npx', ['electron-vite', 'build', '--outDir', outDir], {
      cwd: ROOT,
      stdio: 'pipe',
      env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
    });

    const chunks = await readdir(join(outDir, 'main/chunks'));
    const sandboxChunk = chunks.find((name) => /^sandbox-.*\.js$/.test(name));
    expect(sandboxChunk, chunks.join(', ')).toBeDefined();

    const main = await readFile(join(outDir, 'main/index.js'), 'utf8');
    // Reached only by a dynamic import, never a static one.
    expect(main).toContain(`import("./chunks/${sandboxChunk}")`);
    expect(main).not.toMatch(new RegExp(`^import[^;]*["']\\./chunks/${sandboxChunk!.replace('.', '\\.')}["']`, 'm'));
    // The emulator's code is not in the start-up file.
    expect(main).not.toContain('__sandbox');
    expect(main).not.toContain('Paket has been saved');

    const sandbox = await readFile(join(outDir, 'main/chunks', sandboxChunk!), 'utf8');
    expect(sandbox).toContain('Paket has been saved');
    // It imports only Node built-ins: nothing from main's bundle.
    const imports = [...sandbox.matchAll(/^import\s[^;]*?["']([^"']+)["'];?$/gm)].map((m) => m[1]!);
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.filter((name) => !name.startsWith('node:'))).toEqual([]);
  });
});
