import { expect, it } from 'vitest';
import { en, ptBR } from '../../../shared/i18n';

// docs/GLOSSARY.md: one word per thing. The Portuguese catalogue never says the old words ("envio
// personalizado" for a campaign, "tag" for an etiqueta) nor calls a newsletter a "campanha" on the
// newsletter screens; the navigation names both in their glossary words.

function strings(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => strings(inner, path ? `${path}.${key}` : key));
}

it('speaks Portuguese with the glossary’s words', () => {
  const pt = strings(ptBR).map(([key, text]) => [key, text.replace(/--tag\b|\{\{[^}]*\}\}/g, '')] as const);
  expect(pt.filter(([, text]) => /envios? personalizados?/i.test(text))).toEqual([]);
  expect(pt.filter(([, text]) => /\btags?\b/i.test(text))).toEqual([]);
  expect(pt.filter(([key, text]) => key.startsWith('campaigns.newsletters.') && /campanha/i.test(text) && !/como campanha/i.test(text))).toEqual([]);
  expect([ptBR.nav.newsletters, ptBR.nav.campaigns, en.nav.newsletters, en.nav.campaigns]).toEqual(['Newsletters', 'Campanhas', 'Newsletters', 'Campaigns']);
});
