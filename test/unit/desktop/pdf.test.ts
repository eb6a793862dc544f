import { expect, it } from 'vitest';
import { localDate, resultsPdfRequest, safeFileTitle, withPdfExtension } from '../../../electron/main/desktop/pdf';

// "Save as PDF": the dialog says what it saves in the app's language and proposes a name any system takes.

const AT = Date.UTC(2026, 11, 6, 1, 30); // 6 Dec 2026 01:30 UTC = 5 Dec 22:30 in São Paulo

it('proposes "Results - title - local date.pdf" with the dialog title in the app’s language', () => {
  expect(resultsPdfRequest({ language: 'en', kind: 'campaign', id: 12, title: 'Christmas promo', at: AT, timeZone: 'UTC' })).toEqual({
    title: 'Save the results as PDF',
    defaultName: 'Results - Christmas promo - 2026-12-06.pdf',
    filters: [{ name: 'PDF', extensions: ['pdf'] }],
  });
  const pt = resultsPdfRequest({
    language: 'pt-BR',
    kind: 'campaign',
    id: 12,
    title: 'Promoção de Natal',
    at: AT,
    timeZone: 'America/Sao_Paulo',
  });
  expect(pt.title).toBe('Salvar os resultados em PDF');
  expect(pt.defaultName).toBe('Resultados - Promoção de Natal - 2026-12-05.pdf');
});

it('makes any title safe for a file name, and names an unusable one by its kind and id', () => {
  expect(safeFileTitle('Promo 50% off: "hoje"/amanhã?')).toBe('Promo 50% off hoje amanhã');
  expect(safeFileTitle('..hidden.')).toBe('hidden');
  expect([...safeFileTitle('🎄'.repeat(200))].length).toBe(80);
  expect(resultsPdfRequest({ language: 'pt-BR', kind: 'newsletter', id: 4, title: '???', at: AT, timeZone: 'UTC' }).defaultName).toBe(
    'Resultados - Newsletter 4 - 2026-12-06.pdf',
  );
});

it('adds .pdf when the user typed a name without it', () => {
  expect(withPdfExtension('/home/ana/resultado')).toBe('/home/ana/resultado.pdf');
  expect(withPdfExtension('/home/ana/r.PDF')).toBe('/home/ana/r.PDF');
  expect(localDate(AT, 'Asia/Tokyo')).toBe('2026-12-06');
});
