import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en, ptBR } from '../../../shared/i18n';

// Every word in the catalogues is used, and every word exists in both languages. A key is used when the code
// names it whole ('contacts.reasons.too-short') or builds it from a prefix (`contacts.reasons.${reason}`);
// plural forms count with their base. The code is main, the CLI, the sandbox, the renderer and shared/.

const root = join(__dirname, '..', '..', '..');

function leaves(catalogue: object, prefix = ''): string[] {
  return Object.entries(catalogue).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return value !== null && typeof value === 'object' ? leaves(value as object, path) : [path];
  });
}

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sources(path);
    return /\.(ts|tsx)$/.test(entry.name) ? [path] : [];
  });
}

const code = ['electron', 'renderer/src', 'shared']
  .flatMap(sources)
  .map((path) => readFileSync(join(root, path), 'utf8'))
  .join('\n');
const named = new Set([...code.matchAll(/['"`]([\w.-]+)['"`]/g)].map((m) => m[1]!));
const built = [...new Set([...code.matchAll(/`([\w.-]+)\$\{/g)].map((m) => m[1]!))];
const base = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');

describe('the word catalogues', () => {
  it('has no word the code never asks for', () => {
    const unused = leaves(en).filter(
      (key) => !named.has(key) && !named.has(base(key)) && !built.some((prefix) => base(key).startsWith(prefix)),
    );
    expect(unused).toEqual([]);
  });

  it('has every word in both languages', () => {
    // The types already ask for it; this also catches a cast that slipped through.
    expect(leaves(ptBR).sort()).toEqual(leaves(en).sort());
  });
});
