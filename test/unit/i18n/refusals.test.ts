import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { refusalsEn, refusalsPtBR } from '../../../shared/i18n/refusals';
import { translator } from '../../../shared/i18n';

// Every refusal main can throw in words of its own (a `refusals.<key>`, shared/i18n/refusals.ts) has them in
// English and in Portuguese with the same blanks to fill; the walk reads main's and the CLI's sources for every
// key they throw. Refusals still without a key (main's English sentence is shown) may only become fewer.

const ROOT = join(__dirname, '../../..');
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.ts$/.test(name) ? [path] : [];
  });
}
const files = [...sources(join(ROOT, 'electron/main')), ...sources(join(ROOT, 'electron/cli'))].map((path) => ({ path, text: readFileSync(path, 'utf8') }));
const blanks = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
/** The base keys (plural forms folded): newsletterOptedOut_one → newsletterOptedOut. */
const base = (key: string) => key.replace(/_(zero|one|other)$/, '');

/**
 * Refusals of what goes out (campaigns, newsletters, single sends) thrown without words of their own: this number
 * may only go down. Other areas are not held here (their owners key them as they go; the renderer shows main's
 * sentence meanwhile, never a field name).
 */
const UNKEYED_SENDING_AT_MOST = 9;
const SENDING = /electron\/main\/campaigns\/|electron\/cli\/commands\/(newsletter|campaigns|send)\.ts$/;

describe('refusals in words', () => {
  it('every key has English and Portuguese words with the same blanks', () => {
    expect(Object.keys(refusalsPtBR).sort()).toEqual(Object.keys(refusalsEn).sort());
    for (const [key, en] of Object.entries(refusalsEn)) {
      expect(blanks(refusalsPtBR[key as keyof typeof refusalsPtBR]), key).toEqual(blanks(en));
      expect(refusalsPtBR[key as keyof typeof refusalsPtBR], key).not.toBe(en);
    }
  });

  it('every refusal main and the CLI throw by key has words in both languages, and they read without a field name', () => {
    const thrown = new Set<string>();
    for (const { text } of files) {
      for (const m of text.matchAll(/refusal\(\s*'(\w+)'/g)) thrown.add(m[1]!);
      for (const m of text.matchAll(/'refusals\.(\w+)'/g)) thrown.add(m[1]!);
    }
    expect(thrown.size).toBeGreaterThan(15);
    const known = new Set(Object.keys(refusalsEn).map(base));
    const missing = [...thrown].filter((key) => !known.has(key));
    expect(missing).toEqual([]);
    const params = { phone: 7, count: 2, name: 'menu.pdf', kb: 9216, max: 5120, placeholders: '{nome}', placeholder: '{nome}', tags: 'VIP', tag: 'VIP', title: 'Maio', id: 3, campaignId: 3, queued: 1, recipients: 2, chunks: 1, newsletterId: 1 };
    for (const language of ['en', 'pt-BR'] as const) {
      const t = translator(language);
      for (const key of thrown) {
        const words = String(t(`refusals.${key}` as 'errors.generic', params as never));
        expect(words, `${language} ${key}`).not.toMatch(/^refusals\.|\{\{|imageId|optedOut\b/);
      }
    }
  });

  it('refusals of what goes out without words of their own only become fewer', () => {
    let unkeyed = 0;
    for (const { path, text } of files) {
      if (!SENDING.test(path.replace(/\\/g, '/'))) continue;
      for (const m of text.matchAll(/new AppFailure\(([\s\S]*?)\);/g)) if (!/refusals\./.test(m[1]!) && !/'internal'/.test(m[1]!)) unkeyed += 1;
    }
    expect(unkeyed).toBeLessThanOrEqual(UNKEYED_SENDING_AT_MOST);
  });
});
