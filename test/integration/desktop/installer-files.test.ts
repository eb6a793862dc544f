import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// What an installer carries, checked on the unpacked app electron-builder makes from electron.builder.yml (with a
// stand-in Electron, since the real one cannot be downloaded here; fuses and the native rebuild need the real
// binary and are left out of this check): the target platform's native binaries only, no SQLite sources or
// C++ headers, the `relay` shim, the update feed.
const ROOT = resolve(import.meta.dirname, '../../..');
const require = createRequire(import.meta.url);
const { listPackage } = require('@electron/asar') as { listPackage(path: string, options: object): string[] };

describe("the installer's files", () => {
  const scratch = mkdtempSync(join(tmpdir(), 'relay-dist-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it("has this platform's native binaries only, no sources, the relay shim and the update feed", { timeout: 240_000 }, () => {
    if (!existsSync(join(ROOT, 'out/main/index.js'))) execFileSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: 'pipe' });
    const electronDist = join(scratch, 'electron');
    execFileSync('mkdir', ['-p', electronDist]);
    writeFileSync(join(electronDist, 'electron'), '#!/bin/sh\n');
    chmodSync(join(electronDist, 'electron'), 0o755);
    const config = readFileSync(join(ROOT, 'electron.builder.yml'), 'utf8');
    const testConfig = config
      .slice(0, config.indexOf('electronFuses:'))
      .replace('npmRebuild: true', `npmRebuild: false\nelectronDist: ${electronDist}\nelectronVersion: 45.5.0`)
      .replace('  output: dist', `  output: ${join(scratch, 'dist')}`);
    writeFileSync(join(scratch, 'builder.yml'), testConfig);
    execFileSync('npx', ['electron-builder', '--config', join(scratch, 'builder.yml'), '--linux', '--dir', '--x64'], {
      cwd: ROOT,
      stdio: 'pipe',
    });

    const resources = join(scratch, 'dist/linux-unpacked/resources');
    const files = listPackage(join(resources, 'app.asar'), {}).map((f) => f.replaceAll('\\', '/'));
    const natives = files.filter((f) => f.endsWith('.node'));
    expect(natives).toEqual(expect.arrayContaining(['/node_modules/better-sqlite3/prebuilds/linux-x64.node']));
    expect(natives.filter((f) => f.includes('better-sqlite3'))).toEqual(['/node_modules/better-sqlite3/prebuilds/linux-x64.node']);
    expect(files.filter((f) => /better-sqlite3\/(deps|src|build)\/|sqlite3\.[ch]$|binding\.gyp$|\.(c|cc|cpp|h|hpp)$/.test(f))).toEqual([]);
    expect(files.some((f) => f.startsWith('/out/cli/'))).toBe(false);
    expect(files).toContain('/out/main/index.js');
    // Native binaries live outside the asar so the OS can load them.
    expect(readdirSync(join(resources, 'app.asar.unpacked/node_modules/better-sqlite3/prebuilds'))).toEqual(['linux-x64.node']);
    expect(readFileSync(join(resources, 'bin/relay'), 'utf8')).toContain('relay "$@"');
    expect(readFileSync(join(resources, 'app-update.yml'), 'utf8')).toMatch(/provider: generic/);
  });
});
