import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// Capabilities reach each other only through their index.ts (eslint's capability rule), so the public modules
// import one another, some both ways (campaigns ↔ newsletters, messages ↔ inbox). A cycle is harmless until one
// module uses another's export while it loads: then whichever index is imported first decides whether the app
// (or `relay`) starts. Each public module is loaded here first, on its own, as an entry would load it.

const MAIN = join(import.meta.dirname, '../../../electron/main');
const capabilities = readdirSync(MAIN, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && readdirSync(join(MAIN, entry.name)).includes('index.ts'))
  .map((entry) => entry.name);

describe('every public module loads first, on its own', () => {
  beforeEach(() => vi.resetModules());

  it('finds the capabilities', () => {
    expect(capabilities).toEqual(expect.arrayContaining(['campaigns', 'contacts', 'inbox', 'messages', 'newsletters', 'sending']));
  });

  it.each(capabilities)('%s/index.ts', async (name) => {
    const module = (await import(join(MAIN, name, 'index.ts'))) as Record<string, unknown>;
    const missing = Object.entries(module)
      .filter(([, value]) => value === undefined)
      .map(([key]) => key);
    expect(Object.keys(module).length).toBeGreaterThan(0);
    expect(missing).toEqual([]);
  });
});
