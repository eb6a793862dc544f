import { describe, expect, it } from 'vitest';
import {
  bindTemplate,
  blankPlaceholders,
  columnKey,
  editDistance,
  parseTemplate,
  previewTemplate,
  renderTemplate,
  summariseRendering,
  type BoundTemplate,
  type TemplateColumns,
} from '../../../electron/main/campaigns/template';

function bound(source: string, columns: TemplateColumns): BoundTemplate {
  const binding = bindTemplate(parseTemplate(source), columns);
  if (!binding.ok) throw new Error(`unexpected problems: ${JSON.stringify(binding.problems)}`);
  return binding.bound;
}

describe('parseTemplate', () => {
  it('lists each placeholder once, in order, as written', () => {
    const template = parseTemplate('Olá {nome}, pedido {pedido}. Obrigado, {nome}!');
    expect(template.placeholders).toEqual(['nome', 'pedido']);
    expect(template.parts).toEqual([
      { kind: 'text', text: 'Olá ' },
      { kind: 'field', placeholder: 'nome' },
      { kind: 'text', text: ', pedido ' },
      { kind: 'field', placeholder: 'pedido' },
      { kind: 'text', text: '. Obrigado, ' },
      { kind: 'field', placeholder: 'nome' },
      { kind: 'text', text: '!' },
    ]);
  });

  it('reads {{name}} and { name } as placeholders too', () => {
    expect(parseTemplate('Hi {{ name }} and { city }').placeholders).toEqual(['name', 'city']);
  });

  it('keeps braces that form no placeholder as plain text', () => {
    for (const text of ['a { b', 'empty {} and {   }', 'closing } only', 'line {break\n}']) {
      const template = parseTemplate(text);
      expect(template.placeholders).toEqual([]);
      expect(renderTemplate({ template, columns: new Map() }, {})).toBe(text);
    }
  });
});

describe('bindTemplate', () => {
  const columns: TemplateColumns = {
    headers: ['Cliente', 'Celular', 'Pedido Nº', 'Cidade'],
    nameColumn: 'Cliente',
    phoneColumn: 'Celular',
  };

  it('matches headers regardless of case, accents, spaces and punctuation', () => {
    const b = bound('{CIDADE} {pedido_nº} {cidade}', { headers: ['Cidade', 'Pedido Nº'] });
    expect([...b.columns]).toEqual([
      ['CIDADE', 'Cidade'],
      ['pedido_nº', 'Pedido Nº'],
      ['cidade', 'Cidade'],
    ]);
    expect(columnKey('Nóme  Completo')).toBe('nomecompleto');
  });

  it('lets {name}, {nome}, {nombre} reach the mapped name column and {telefone} the phone column', () => {
    const b = bound('{name}/{nome}/{nombre}/{telefone}', columns);
    expect(renderTemplate(b, { Cliente: 'Ana', Celular: '+5511987650000' })).toBe('Ana/Ana/Ana/+5511987650000');
  });

  it('prefers a real header over the name alias', () => {
    const b = bound('{nome}', { headers: ['Cliente', 'Nome'], nameColumn: 'Cliente' });
    expect(renderTemplate(b, { Cliente: 'Loja XYZ', Nome: 'Ana' })).toBe('Ana');
  });

  it('reports every placeholder without a column, with suggestions, before anything is rendered', () => {
    const binding = bindTemplate(parseTemplate('Olá {nome}, seu {pedio} em {cidad} e {valor}'), {
      headers: ['Pedido', 'Cidade', 'Telefone'],
    });
    expect(binding.ok).toBe(false);
    if (binding.ok) return;
    expect(binding.problems).toEqual([
      // No name column was mapped, so {nome} has nothing to read.
      { placeholder: 'nome', kind: 'no-column', suggestions: [] },
      { placeholder: 'pedio', kind: 'no-column', suggestions: ['Pedido'] },
      { placeholder: 'cidad', kind: 'no-column', suggestions: ['Cidade'] },
      { placeholder: 'valor', kind: 'no-column', suggestions: [] },
    ]);
  });

  it('calls a placeholder ambiguous when two headers match it loosely and neither exactly', () => {
    const binding = bindTemplate(parseTemplate('{NOME}'), { headers: ['nome', 'Nome '] });
    expect(binding).toEqual({ ok: false, problems: [{ placeholder: 'NOME', kind: 'ambiguous', suggestions: ['nome', 'Nome '] }] });
    expect(bound('{nome}', { headers: ['nome', 'Nome '] }).columns.get('nome')).toBe('nome');
  });
});

describe('rendering', () => {
  const b = bound('Olá {nome}, seu pedido {pedido} saiu para entrega', {
    headers: ['Nome', 'Pedido', 'Telefone'],
    nameColumn: 'Nome',
  });

  it('fills each recipient’s values, trimmed, and leaves a missing value empty', () => {
    expect(renderTemplate(b, { Nome: ' Ana ', Pedido: '123' })).toBe('Olá Ana, seu pedido 123 saiu para entrega');
    expect(renderTemplate(b, { Nome: null, Pedido: '9' })).toBe('Olá , seu pedido 9 saiu para entrega');
    expect(blankPlaceholders(b, { Nome: null, Pedido: '9' })).toEqual(['nome']);
  });

  it('does not read inherited properties as values', () => {
    const c = bound('[{constructor}]', { headers: ['constructor'] });
    expect(renderTemplate(c, {})).toBe('[]');
  });

  it('previews the first rows with their counts and gaps', () => {
    const rows = [
      { Nome: 'Ana', Pedido: '1' },
      { Nome: '', Pedido: '2' },
      { Nome: 'Carlos', Pedido: '3' },
    ];
    const preview = previewTemplate(b, rows, 2);
    expect(preview.map((p) => [p.index, p.body, p.blanks])).toEqual([
      [0, 'Olá Ana, seu pedido 1 saiu para entrega', []],
      [1, 'Olá , seu pedido 2 saiu para entrega', ['nome']],
    ]);
    expect(preview[0]!.count.encoding).toBe('ucs2'); // "á"
  });

  it('finds the costliest body for the counter and totals the segments', () => {
    const plain = bound('Hi {name}', { headers: ['name'] });
    const rows = [{ name: 'Al' }, { name: 'B'.repeat(158) }, { name: 'C'.repeat(150) }, { name: 'Zoë' }];
    const summary = summariseRendering(plain, rows);
    expect(summary.longest?.index).toBe(1);
    expect(summary.longest?.count.segments).toBe(2);
    expect(summary.totalSegments).toBe(1 + 2 + 1 + 1);
    expect(summary.rows).toBe(4);
    expect(summary.rowsWithBlanks).toBe(0);
    expect(summariseRendering(plain, []).longest).toBeNull();
  });

  it('ranks bodies by segments first: a shorter Unicode body can cost more than a longer GSM one', () => {
    const plain = bound('{v}', { headers: ['v'] });
    const summary = summariseRendering(plain, [{ v: 'a'.repeat(100) }, { v: 'ã'.repeat(80) }]);
    expect(summary.longest?.index).toBe(1); // 80 UCS-2 units = 2 segments beats 100 GSM septets = 1
  });
});

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('pedido', 'pedio')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });
});
