import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The packaged app's Electron fuses: a binary that can be turned into plain Node (ELECTRON_RUN_AS_NODE,
// NODE_OPTIONS, --inspect) or load code from outside its checked app.asar would undo every window check.

/** The `electronFuses:` block of electron.builder.yml as key → value (flat mapping of booleans). */
function fuses(): Record<string, string> {
  const lines = readFileSync(join(import.meta.dirname, '../../../electron.builder.yml'), 'utf8').split('\n');
  const start = lines.findIndex((line) => /^electronFuses:\s*$/.test(line));
  if (start < 0) return {};
  const out: Record<string, string> = {};
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const match = /^\s+([A-Za-z]+):\s*(\S+)\s*$/.exec(line);
    if (!match) break; // the next top-level key
    out[match[1]!] = match[2]!;
  }
  return out;
}

describe('electron-builder fuses', () => {
  it('turn off every way to run the binary as Node or inspect it, and require the checked asar', () => {
    expect(fuses()).toEqual({
      runAsNode: 'false',
      enableNodeOptionsEnvironmentVariable: 'false',
      enableNodeCliInspectArguments: 'false',
      grantFileProtocolExtraPrivileges: 'false',
      onlyLoadAppFromAsar: 'true',
      enableEmbeddedAsarIntegrityValidation: 'true',
      enableCookieEncryption: 'true',
    });
  });
});
