import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The desktop build: electron-vite must produce an ESM main, a self-contained CommonJS preload (the
// only kind a sandboxed renderer can load) and the renderer with its strict CSP.
const ROOT = resolve(import.meta.dirname, '../..');
const OUT = join(ROOT, 'out');

describe('electron-vite build', () => {
  it('produces out/main, a CommonJS out/preload and out/renderer', { timeout: 120_000 }, () => {
    execFileSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: 'pipe' });

    expect(existsSync(join(OUT, 'main/index.js'))).toBe(true);

    const preload = readFileSync(join(OUT, 'preload/index.cjs'), 'utf8');
    expect(preload).toMatch(/require\("electron"\)/);
    expect(preload).not.toMatch(/^\s*import\s|^\s*export\s/m);
    // Everything but electron is bundled in: a sandboxed preload cannot require node_modules.
    const required = [...preload.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(readdirSync(join(OUT, 'preload'))).toEqual(['index.cjs']);

    const html = readFileSync(join(OUT, 'renderer/index.html'), 'utf8');
    expect(html).toContain("script-src 'self'");
    expect(html).toContain("connect-src 'none'");
    expect(html).not.toMatch(/<script[^>]+src="https?:/);
  });
});
