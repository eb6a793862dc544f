import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { en, ptBR, translator } from '../../../shared/i18n';

// docs/GLOSSARY.md: one word per thing. The Portuguese catalogue never says the old words ("envio
// personalizado" for a campaign, "tag" for an etiqueta) nor calls a newsletter a "campanha" on the
// newsletter screens; the navigation names both in their glossary words. English and the CLI likewise, and
// every count has its plural keys.

function strings(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => strings(inner, path ? `${path}.${key}` : key));
}

it('speaks Portuguese with the glossary’s words', () => {
  const pt = strings(ptBR).map(([key, text]) => [key, text.replace(/--tag\b|\{\{[^}]*\}\}/g, '')] as const);
  expect(pt.filter(([, text]) => /envios? personalizados?/i.test(text))).toEqual([]);
  expect(pt.filter(([, text]) => /\btags?\b/i.test(text))).toEqual([]);
  // (One sent *as* a campaign links to "a campanha", as English says "the campaign".)
  expect(
    pt.filter(
      ([key, text]) => key.startsWith('campaigns.newsletters.') && /campanha/i.test(text) && !/como campanha|\ba campanha\b/i.test(text),
    ),
  ).toEqual([]);
  // Where English names a campaign, Portuguese names a campanha, never an "envio" (the campaign screen's back
  // link once said "Todos os envios"); an "envio avulso" is a single send, its own thing.
  const english = new Map(strings(en));
  expect(
    pt.filter(
      ([key, text]) =>
        /\bcampaigns?\b/i.test((english.get(key) ?? '').replace(/relay campaign\b/g, '')) && /\benvios?\b(?! avulsos?)/i.test(text),
    ),
  ).toEqual([]);
  expect([ptBR.nav.newsletters, ptBR.nav.campaigns, en.nav.newsletters, en.nav.campaigns]).toEqual([
    'Newsletters',
    'Campanhas',
    'Newsletters',
    'Campaigns',
  ]);
});

it('speaks English with the glossary’s words', () => {
  const english = strings(en).map(([key, text]) => [key, text.replace(/\{\{[^}]*\}\}/g, '')] as const);
  // An opt-out list, never a "suppression list", "blocklist" or people who "unsubscribed".
  expect(english.filter(([, text]) => /suppression|block ?list|unsubscrib/i.test(text))).toEqual([]);
  // Tags, never "contact groups" or "labels"; campaigns, never "bulk sends" or "personalised sends".
  expect(english.filter(([, text]) => /contact groups?|\blabels?\b|bulk sends?|personali[sz]ed sends?/i.test(text))).toEqual([]);
  // A newsletter is never called a campaign on its own screens (one sent *as* a campaign links to "the campaign").
  expect(
    english.filter(
      ([key, text]) =>
        key.startsWith('campaigns.newsletters.') && /\bcampaign/i.test(text) && !/as a (personalised )?campaign|the campaign/i.test(text),
    ),
  ).toEqual([]);
});

it('counts with plural keys in both catalogues', () => {
  // {{count}} outside an _one / _other key would say "1 messages"; unit abbreviations ("3 min", "2 h") do not change.
  for (const catalogue of [en, ptBR]) {
    const unpaired = strings(catalogue).filter(
      ([key, text]) => /\{\{count\b/.test(text) && !/_(one|other|zero)$/.test(key) && !/\{\{count\}\} (min|h|s)\b/.test(text),
    );
    expect(unpaired).toEqual([]);
  }
  expect(translator('pt-BR')('campaigns.status.stalled', { phone: 'Balcão', minutes: '1', count: 1 })).toMatch(
    /^Balcão pegou mensagens há 1 minuto /,
  );
  expect(translator('en')('cli.optOutsAdded', { count: 1 })).toBe('1 new opt-out reply added to the opt-out list.');
});

// The CLI's own sentences (what `relay` prints) use the same words: its source holds none of the old ones.
it('relay says opt-out list, tags, campaigns and newsletters too', () => {
  const root = join(dirname(fileURLToPath(import.meta.url)), '../../../electron/cli');
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  const sentences = files.flatMap((file) =>
    readFileSync(join(root, file), 'utf8')
      .split('\n')
      .filter((line) => !/^\s*(\/\/|\*|\/\*\*)/.test(line))
      .flatMap((line) => [...line.matchAll(/(['`])((?:(?!\1).)*\s(?:(?!\1).)*)\1/g)].map((m) => `${file}: ${m[2]}`)),
  );
  expect(sentences.length).toBeGreaterThan(50);
  expect(sentences.filter((s) => /suppression list|unsubscrib|block ?list|contact groups?|bulk sends?/i.test(s))).toEqual([]);
});
