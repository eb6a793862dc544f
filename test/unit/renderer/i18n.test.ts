import { describe, expect, it } from 'vitest';
import { en, ptBR } from '../../../shared/i18n';
import { effectiveLanguage, pickLanguage } from '../../../shared/language';

function leaves(tree: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value as object, path)) out.set(k, v);
  }
  return out;
}
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)(?:,[^}]*)?\}\}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  const english = leaves(en);
  const portuguese = leaves(ptBR);

  it('Portuguese has every English key and nothing else', () => {
    expect([...portuguese.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it('counted words come as plural pairs that both carry the count', () => {
    for (const [key, text] of english) {
      const plural = /_(one|other)$/.exec(key);
      if (!plural) continue;
      const sibling = key.replace(/_(one|other)$/, plural[1] === 'one' ? '_other' : '_one');
      expect(english.has(sibling), `${key} without ${sibling}`).toBe(true);
      expect(placeholders(text), key).toContain('count');
    }
    // No "message(s)" left: a count is worded by plural keys, not by brackets.
    for (const [key, text] of [...english, ...portuguese]) expect(text, key).not.toMatch(/\w\(s\)|\(ns\)/);
  });

  it('every text is filled in and keeps the same placeholders', () => {
    for (const [key, text] of english) {
      const translated = portuguese.get(key) ?? '';
      expect(translated.trim(), key).not.toBe('');
      expect(placeholders(translated), key).toEqual(placeholders(text));
    }
  });
});

describe('first-run language', () => {
  it('follows the OS: any Portuguese locale gets pt-BR, everything else English', () => {
    expect(pickLanguage('pt-BR')).toBe('pt-BR');
    expect(pickLanguage('pt_PT')).toBe('pt-BR');
    expect(pickLanguage('pt')).toBe('pt-BR');
    expect(pickLanguage('en-GB')).toBe('en');
    expect(pickLanguage('de-DE')).toBe('en');
    expect(pickLanguage('')).toBe('en');
    expect(pickLanguage(null)).toBe('en');
  });

  it('the language chosen in Settings wins over the OS; none chosen, the OS decides', () => {
    expect(effectiveLanguage('en', 'pt-BR')).toBe('en');
    expect(effectiveLanguage('pt-BR', 'en-US')).toBe('pt-BR');
    expect(effectiveLanguage(null, 'pt-BR')).toBe('pt-BR');
    expect(effectiveLanguage(undefined, 'de-DE')).toBe('en');
  });
});
