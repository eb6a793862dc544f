/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import { commands } from '../../../electron/cli/commands';
import { MIGRATIONS } from '../../../electron/main/db/migrations';
import { keys } from '../../../renderer/src/api/keys';
import { capabilities } from '../../../shared/ipc';

// The places a new feature registers itself. Those the compiler checks need no test here: every channel is
// answered (services.ts builds `Handlers`), every pushed event is written to the renderer's cache (`CacheWriters`).
// These four used to fail silently when forgotten: the contract index, the migrations, the query keys and the
// CLI's command index. Each test finds what exists by looking at the files, then asks whether it is registered.

const contractFiles = import.meta.glob<Record<string, unknown>>(
  ['../../../shared/ipc/*.ts', '!**/index.ts', '!**/kit.ts', '!**/fields.ts'],
  { eager: true },
);
const schemaFiles = import.meta.glob<Record<string, unknown>>('../../../electron/main/**/schema.ts', { eager: true });
const commandFiles = import.meta.glob<Record<string, unknown>>(['../../../electron/cli/commands/*.ts', '!**/index.ts', '!**/types.ts'], {
  eager: true,
});

const exportsEndingWith = (files: Record<string, Record<string, unknown>>, suffix: string) =>
  Object.entries(files).flatMap(([file, module]) =>
    Object.entries(module)
      .filter(([name]) => name.endsWith(suffix))
      .map(([name, value]) => ({ file, name, value })),
  );

describe('a feature forgotten at a registration point is caught', () => {
  it('every contract file is in the contract index', () => {
    const declared = exportsEndingWith(contractFiles, 'Contract');
    expect(declared.length).toBeGreaterThanOrEqual(10);
    const registered = Object.values(capabilities) as unknown[];
    for (const { file, name, value } of declared)
      expect({ file, name, registered: registered.includes(value) }).toEqual({ file, name, registered: true });
  });

  it('every schema step a capability declares is applied by a migration, and versions have no gaps', () => {
    const declared = exportsEndingWith(schemaFiles, '_SQL');
    expect(declared.length).toBeGreaterThanOrEqual(8);
    const applied = MIGRATIONS.map((m) => m.sql);
    for (const { file, name, value } of declared)
      expect({ file, name, applied: applied.includes(value as string) }).toEqual({ file, name, applied: true });
    // A step appended out of order would never run on a file that is already past it.
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  it('every capability with something to show has its query keys in the renderer', () => {
    // desktop: actions only (menus, diagnostics, updates), nothing the renderer caches.
    const shown = Object.keys(capabilities).filter((name) => name !== 'desktop');
    for (const name of shown) expect({ name, keyed: Object.hasOwn(keys, name) }).toEqual({ name, keyed: true });
  });

  it('every CLI command file is in the command index', () => {
    // A command is an object with a name (a subcommand's function, like `relay campaigns results`, is its parent's).
    const declared = exportsEndingWith(commandFiles, 'Command').filter(
      ({ value }) => typeof value === 'object' && value !== null && 'name' in value,
    );
    expect(declared.length).toBeGreaterThanOrEqual(8);
    for (const { file, name, value } of declared)
      expect({ file, name, registered: commands.includes(value as never) }).toEqual({ file, name, registered: true });
  });
});
