import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { refusalsPtBR } from '../../../shared/i18n/pt-BR/refusals';
import { refusalsEn } from '../../../shared/i18n/en/refusals';
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
const files = [...sources(join(ROOT, 'electron/main')), ...sources(join(ROOT, 'electron/cli'))].map((path) => ({
  path,
  text: readFileSync(path, 'utf8'),
}));
const blanks = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
/** The base keys (plural forms folded): newsletterOptedOut_one → newsletterOptedOut. */
const base = (key: string) => key.replace(/_(zero|one|other)$/, '');

/** Each `new AppFailure(…)` in main and the CLI, with its arguments (balanced parentheses) and where it is. */
function failures(): { where: string; args: string }[] {
  const found: { where: string; args: string }[] = [];
  for (const { path, text } of files) {
    for (const m of text.matchAll(/new AppFailure\(/g)) {
      let depth = 1;
      let i = m.index + m[0].length;
      for (; i < text.length && depth > 0; i += 1) depth += text[i] === '(' ? 1 : text[i] === ')' ? -1 : 0;
      const line = text.slice(0, m.index).split('\n').length;
      found.push({ where: `${path.slice(ROOT.length + 1)}:${line}`, args: text.slice(m.index + m[0].length, i - 1) });
    }
  }
  return found;
}
/** A catalogue key among the arguments: a refusal's own words, a code's, or a shared rule's (server address, file problems). */
const KEYED = /['`](refusals|errors|forms\.server|contacts\.fileProblems)\./;
/**
 * The only failures shown in words that are not ours: the gateway's own ("Login or password incorrect", its error
 * text), passed through as the gateway said them (shared/i18n GATEWAY_WORDED_CODES); and a client error mapped to
 * its code, whose words (errors.<code>) the renderer shows.
 */
const GATEWAY_WORDED = [/^'wrong-credentials', err\.gatewayMessage$/, /^APP_CODE\[err\.kind\], err\.message$/];

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
    const params = {
      phone: 7,
      count: 2,
      name: 'menu.pdf',
      kb: 9216,
      mb: 9.2,
      maxMb: 5,
      max: 5120,
      line: 12,
      file: 'clientes.csv',
      days: 60,
      zone: 'Mars/Base',
      text: '25:00',
      suggestions: '{nome}',
      server: 'https://x.example/getdata/',
      requests: 40,
      reason: 'no such tag',
      kind: 'x.y',
      path: '/tmp/r.csv',
      words: 'Device not found',
      placeholders: '{nome}',
      placeholder: '{nome}',
      tags: 'VIP',
      tag: 'VIP',
      title: 'Maio',
      id: 3,
      campaignId: 3,
      queued: 1,
      recipients: 2,
      chunks: 1,
      newsletterId: 1,
    };
    for (const language of ['en', 'pt-BR'] as const) {
      const t = translator(language);
      for (const key of thrown) {
        const words = String(t(`refusals.${key}` as 'errors.generic', params as never));
        expect(words, `${language} ${key}`).not.toMatch(/^refusals\.|\{\{|imageId|optedOut\b/);
      }
    }
  });

  it('every failure main and the CLI throw carries its catalogue key: a new refusal without words fails here', () => {
    const all = failures();
    expect(all.length).toBeGreaterThan(40);
    const unkeyed = all
      .filter((f) => !KEYED.test(f.args) && !GATEWAY_WORDED.some((g) => g.test(f.args.trim())))
      .map((f) => `${f.where}: ${f.args.trim().slice(0, 90)}`);
    expect(unkeyed).toEqual([]);
  });

  it('every fixed catalogue key main and the CLI throw reads as words in both languages, never a key or a field name', () => {
    const keys = new Set<string>();
    for (const { text } of files) {
      for (const m of text.matchAll(/'((?:errors|forms\.server|contacts\.fileProblems)\.[\w-]+)'/g)) keys.add(m[1]!);
    }
    expect(keys.size).toBeGreaterThan(2);
    for (const language of ['en', 'pt-BR'] as const) {
      const t = translator(language);
      for (const key of keys) {
        const words = String(t(key as 'errors.generic', { file: 'relay.db' }));
        expect(words, `${language} ${key}`).not.toBe(key);
        expect(words, `${language} ${key}`).not.toMatch(/\{\{|imageId|optedOut\b/);
      }
    }
  });
});
