import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The theme's variables: the dark values are written twice in theme.css (an explicit choice, and "same as the
// computer" in a dark OS) and must stay equal; every value is a plain colour, since the report's chart reads
// them with getPropertyValue and paints with what it gets.
const css = readFileSync(resolve(import.meta.dirname, '../../../renderer/src/theme.css'), 'utf8');

function block(selector: string): Map<string, string> {
  const start = css.indexOf(`${selector} {`);
  const body = css.slice(start, css.indexOf('}', start));
  return new Map([...body.matchAll(/(--[\w-]+):\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]));
}

describe('theme.css', () => {
  const light = block(':root');
  const dark = block(":root[data-theme='dark']");
  const system = block(":root:not([data-theme='light'])");

  it('has the same dark values for an explicit choice and for a dark computer', () => {
    expect(dark.size).toBeGreaterThan(15);
    expect(system).toEqual(dark);
  });

  it('gives every colour that changes a dark value, and only plain colours (no light-dark())', () => {
    const sameInBoth = ['--sidebar-ink', '--sidebar-hover'];
    expect([...light.keys()].filter((name) => !dark.has(name) && !sameInBoth.includes(name))).toEqual([]);
    expect([...dark.keys()].filter((name) => !light.has(name))).toEqual([]);
    for (const value of [...light.values(), ...dark.values()]) expect(value).toMatch(/^(#[0-9a-f]{6}|rgba?\([\d., ]+\))$/i);
  });
});
