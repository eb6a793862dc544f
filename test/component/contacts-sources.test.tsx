import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import type { PreflightRowView, PreflightView } from '../../shared/ipc';
import type { JobView } from '../../shared/jobs';
import { FakeBridge, settingsIn } from './fake-bridge';
import { renderApp } from './render-app';

// The import preview of an export (a Google Contacts file, a Shopify one): a name made of several columns the
// user can change, the other phone columns said, a consent column with its own count and a checkbox to
// include those rows, a workbook's sheet to pick; in English and Portuguese.

const savedHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
beforeAll(() => Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 400 }));
afterAll(() => {
  if (savedHeight) Object.defineProperty(HTMLElement.prototype, 'clientHeight', savedHeight);
});

const HEADER = ['First Name', 'Middle Name', 'Last Name', 'Phone 1 - Label', 'Phone 1 - Value', 'Phone 2 - Value', 'Accepts SMS Marketing'];
const shop: Extract<PreflightView, { ok: true }> = {
  ok: true,
  preflightId: 'pf-g',
  state: 'complete',
  file: {
    name: 'contacts.csv',
    size: 2_048,
    format: 'csv',
    encoding: 'utf-8',
    encodingSource: 'detected',
    delimiter: ',',
    delimiterSource: 'sniffed',
    header: HEADER,
    headerSource: 'detected',
    columns: HEADER.length,
    mapping: { phone: 4, name: 0, phones: [4, 5], names: [0, 1, 2], consent: { column: 6, refusesWhen: 'no' } },
    mappingSource: { phone: 'header', name: 'header' },
    country: 'BR',
  },
  counts: {
    rows: 4,
    ready: 2,
    landlines: 0,
    valid: 2,
    invalid: 0,
    duplicates: 0,
    inTag: 0,
    optedOut: 0,
    noConsent: 1,
    noConsentLandlines: 0,
    otherNumbers: 1,
    corrected: 0,
    short: 0,
    undecodable: 0,
  },
  tagId: null,
  problem: null,
};

const row = (line: number, name: string, phone: string, extra: Partial<PreflightRowView> = {}): PreflightRowView => ({
  line,
  name,
  phone,
  status: 'ready',
  reason: null,
  duplicateOf: null,
  cells: [name, '', '', 'Mobile', phone, '', 'yes'],
  ...extra,
});
const rows = [
  row(2, 'Ana Maria Souza', '+5511987654321'),
  row(5, 'Caio', '', {
    status: 'invalid',
    phone: null,
    reason: { code: 'missing-area-code', text: 'no area code' },
    cells: ['Caio', '', 'Melo', 'Mobile', '98765-4321', '', 'yes'],
  }),
  row(3, 'Bruno Lima', '+5521998765432', { others: ['+551133334444'] }),
  row(4, 'Paula Neves', '+5531991112222', { status: 'no-consent' }),
];

const job: JobView = {
  id: 9,
  kind: 'contacts.import',
  title: 'Import',
  state: 'queued',
  writes: true,
  total: 3,
  done: 0,
  failed: 0,
  unknown: 0,
  ratePerSecond: null,
  etaSeconds: null,
  createdAt: 0,
  updatedAt: 0,
  blockedBy: null,
  error: null,
  summary: null,
};

function bridgeWith(extra: ConstructorParameters<typeof FakeBridge>[0] = {}) {
  return new FakeBridge({
    'jobs:list': () => [],
    'contacts:tags': () => [],
    'contacts:imports': () => [],
    'contacts:pickFile': () => ({ fileId: 'f-g', name: 'contacts.csv', size: 2_048 }),
    'contacts:preflight': () => shop,
    'contacts:preflightStatus': () => shop,
    'contacts:preflightRows': (input) => {
      const picked = input.status ? rows.filter((r) => r.status === input.status) : rows;
      return { rows: picked, total: picked.length };
    },
    'contacts:closePreflight': () => undefined,
    'contacts:import': () => job,
    ...extra,
  });
}

/** Opens an import step from the step bar ("3. Problem rows"). */
const openStep = async (user: { click: (element: Element) => Promise<void> }, name: string) => {
  await screen.findByTestId('preflight'); // the file is read: its steps are there
  await user.click(await screen.findByRole('button', { name }));
};

describe('import preview of an export', () => {
  it('shows the name made of First + Middle + Last, lets the user drop a part, and says the other phone column', async () => {
    const bridge = bridgeWith();
    const { user } = await renderApp({ bridge, path: '/contacts?view=import' });
    await user.click(await screen.findByRole('button', { name: 'Choose a file…' }));
    const parts = await screen.findByTestId('name-columns');
    expect(
      within(parts)
        .getAllByRole('combobox')
        .map((s) => (s as HTMLSelectElement).value),
    ).toEqual(['0', '1', '2']);
    expect(screen.getByTestId('other-phone-columns').textContent).toBe(
      'Also read: 6: Phone 2 - Value. Per row the mobile number is imported; the others go to the report.',
    );
    // Drop the middle name: the file is read again with First + Last.
    await user.selectOptions(within(parts).getByRole('combobox', { name: 'Name, part 2' }), '');
    await waitFor(() => expect(bridge.callsTo('contacts:preflight').at(-1)).toMatchObject({ fileId: 'f-g', nameColumn: [0, 2] }));
    // …and add a column back to the name.
    await user.click(within(parts).getByRole('button', { name: '+ Add a column to the name' }));
    await waitFor(() => expect(bridge.callsTo('contacts:preflight').at(-1)).toMatchObject({ nameColumn: [0, 1, 2, 3] }));
    // A row with a second number says so.
    await openStep(user, '3. Problem rows');
    expect(await screen.findByText('Also: +551133334444 (not imported)')).toBeTruthy();
  });

  it('counts the rows without SMS consent apart, leaves them out, and includes them when the box is ticked', async () => {
    const bridge = bridgeWith();
    const { user } = await renderApp({ bridge, path: '/contacts?view=import' });
    await user.click(await screen.findByRole('button', { name: 'Choose a file…' }));
    expect((await screen.findByTestId<HTMLSelectElement>('consent-column')).value).toBe('6');
    await openStep(user, '3. Problem rows');
    const count = await screen.findByTestId('count-no-consent');
    expect(count.textContent).toBe('1No SMS consentdid not accept SMS marketing');
    await openStep(user, '4. Tag and import');
    expect(
      screen.getByText(
        'The file’s “Accepts SMS Marketing” column says no for them. Include them only if they agreed to your messages another way.',
      ),
    ).toBeTruthy();
    await user.type(screen.getByRole('textbox', { name: 'Name of the new tag' }), 'Loja');
    expect(screen.getByRole('button', { name: 'Import 2 contacts' })).toBeTruthy();
    await user.click(screen.getByRole('checkbox', { name: 'Also import the 1 contact who did not accept SMS marketing' }));
    await user.click(screen.getByRole('button', { name: 'Import 3 contacts' }));
    await waitFor(() =>
      expect(bridge.callsTo('contacts:import')).toEqual([
        { preflightId: 'pf-g', target: { newTag: 'Loja' }, includeLandlines: false, includeNoConsent: true },
      ]),
    );
  });

  it('the Import button counts what will be imported: a no-consent landline only when landlines are included too', async () => {
    // 2 ready, 1 landline, 2 without consent of which 1 is a landline.
    const mixed = { ...shop, counts: { ...shop.counts, rows: 5, landlines: 1, valid: 3, noConsent: 2, noConsentLandlines: 1 } };
    const bridge = bridgeWith({ 'contacts:preflight': () => mixed, 'contacts:preflightStatus': () => mixed });
    const { user } = await renderApp({ bridge, path: '/contacts?view=import' });
    await user.click(await screen.findByRole('button', { name: 'Choose a file…' }));
    await openStep(user, '4. Tag and import');
    await user.type(await screen.findByRole('textbox', { name: 'Name of the new tag' }), 'Loja');
    expect(screen.getByRole('button', { name: 'Import 2 contacts' })).toBeTruthy();
    await user.click(screen.getByRole('checkbox', { name: 'Also import the 2 contacts who did not accept SMS marketing' }));
    // The no-consent landline stays out while landlines do.
    expect(screen.getByRole('button', { name: 'Import 3 contacts' })).toBeTruthy();
    await user.click(screen.getByRole('checkbox', { name: /^Also import the 1 landline/ }));
    expect(screen.getByRole('button', { name: 'Import 5 contacts' })).toBeTruthy();
    await user.click(screen.getByRole('checkbox', { name: 'Also import the 2 contacts who did not accept SMS marketing' }));
    expect(screen.getByRole('button', { name: 'Import 3 contacts' })).toBeTruthy();
  });

  it('the user may say the file has no consent column', async () => {
    const bridge = bridgeWith();
    const { user } = await renderApp({ bridge, path: '/contacts?view=import' });
    await user.click(await screen.findByRole('button', { name: 'Choose a file…' }));
    await user.selectOptions(await screen.findByTestId('consent-column'), '');
    await waitFor(() => expect(bridge.callsTo('contacts:preflight').at(-1)).toMatchObject({ consentColumn: null }));
  });

  it('says the same in Portuguese', async () => {
    const bridge = bridgeWith({ 'settings:get': settingsIn('pt-BR') });
    const { user } = await renderApp({ bridge, path: '/contacts?view=import', language: 'pt-BR' });
    await user.click(await screen.findByRole('button', { name: 'Escolher um arquivo…' }));
    expect(within(await screen.findByTestId('name-columns')).getByRole('button', { name: '+ Juntar outra coluna ao nome' })).toBeTruthy();
    await openStep(user, '3. Linhas com problema');
    expect((await screen.findByTestId('count-no-consent')).textContent).toBe('1Sem consentimento para SMSnão aceitaram marketing por SMS');
    expect(await screen.findByText('Também: +551133334444 (não importado)')).toBeTruthy();
    await openStep(user, '4. Etiqueta e importação');
    expect(screen.getByRole('checkbox', { name: 'Importar também o 1 contato que não aceitou marketing por SMS' })).toBeTruthy();
  });

  it('a workbook with several sheets offers them; a vCard file has no encoding to choose', async () => {
    const workbook = {
      ...shop,
      file: { ...shop.file, name: 'clientes.xlsx', format: 'xlsx' as const, sheet: 'Clientes', sheets: ['Resumo', 'Clientes'] },
    };
    const bridge = bridgeWith({ 'contacts:preflight': () => workbook, 'contacts:preflightStatus': () => workbook });
    const { user } = await renderApp({ bridge, path: '/contacts?view=import' });
    await user.click(await screen.findByRole('button', { name: 'Choose a file…' }));
    await openStep(user, '1. File');
    const sheet = await screen.findByTestId<HTMLSelectElement>('sheet');
    expect(sheet.value).toBe('Clientes');
    expect(screen.queryByRole('combobox', { name: /Characters/ })).toBeNull();
    await user.selectOptions(sheet, 'Resumo');
    await waitFor(() => expect(bridge.callsTo('contacts:preflight').at(-1)).toMatchObject({ sheet: 'Resumo' }));
  });
});

describe('other columns kept as contact fields', () => {
  const withFields = {
    ...shop,
    file: {
      ...shop.file,
      fields: [
        { column: 3, header: 'Phone 1 - Label', key: 'phone_1_label', sample: 'Mobile', keep: true },
        { column: 7, header: 'Address 1 - City', key: 'address_1_city', sample: 'Recife', keep: true },
        { column: 8, header: 'Birthday', key: 'birthday', sample: '', keep: false },
      ],
    },
  };
  const fieldsBridge = (extra: ConstructorParameters<typeof FakeBridge>[0] = {}) =>
    bridgeWith({ 'contacts:preflight': () => withFields, 'contacts:preflightStatus': () => withFields, ...extra });

  it('lists them in the columns step with a sample and their placeholder, those with values ticked; the import keeps the ticked ones', async () => {
    const bridge = fieldsBridge();
    const { user } = await renderApp({ bridge, path: '/contacts?view=import' });
    await user.click(await screen.findByRole('button', { name: 'Choose a file…' }));
    const fields = await screen.findByTestId('fields');
    expect(within(fields).getByRole('heading', { name: 'Other columns to keep' })).toBeTruthy();
    expect(within(fields).getByTestId('fields-kept').textContent).toBe('2 of 3 kept');
    const city = within(fields).getByRole<HTMLInputElement>('checkbox', { name: 'Keep Address 1 - City as {address_1_city}' });
    expect(city.checked).toBe(true);
    expect(within(fields).getByText('e.g. “Recife”')).toBeTruthy();
    expect(within(fields).getByRole<HTMLInputElement>('checkbox', { name: 'Keep Birthday as {birthday}' }).checked).toBe(false);
    expect(within(fields).getByText('empty in the first rows')).toBeTruthy();
    expect(within(fields).getByText(/A campaign to the tag can use them: \{phone_1_label\}/)).toBeTruthy();
    // "Mobile" is no use in a message: unticked.
    await user.click(within(fields).getByRole('checkbox', { name: 'Keep Phone 1 - Label as {phone_1_label}' }));
    expect(within(fields).getByTestId('fields-kept').textContent).toBe('1 of 3 kept');

    await openStep(user, '4. Tag and import');
    expect(screen.getByTestId('start-fields').textContent).toBe('1 field kept with each contact: Address 1 - City {address_1_city}.');
    await user.type(screen.getByRole('textbox', { name: 'Name of the new tag' }), 'Loja');
    await user.click(screen.getByRole('button', { name: 'Import 2 contacts' }));
    await waitFor(() =>
      expect(bridge.callsTo('contacts:import')).toEqual([
        { preflightId: 'pf-g', target: { newTag: 'Loja' }, includeLandlines: false, includeNoConsent: false, keepFields: [7] },
      ]),
    );
  });

  it('keep none, or all again; the choice stays when the user moves between steps', async () => {
    const { user } = await renderApp({ bridge: fieldsBridge(), path: '/contacts?view=import' });
    await user.click(await screen.findByRole('button', { name: 'Choose a file…' }));
    const fields = await screen.findByTestId('fields');
    await user.click(within(fields).getByRole('button', { name: 'Keep none' }));
    expect(within(fields).getByTestId('fields-kept').textContent).toBe('0 of 3 kept');
    await openStep(user, '4. Tag and import');
    expect(screen.getByTestId('start-fields').textContent).toBe('No other column is kept (step 2 lets you keep some).');
    await openStep(user, '2. Columns');
    await user.click(within(await screen.findByTestId('fields')).getByRole('button', { name: 'Keep all' }));
    expect(within(screen.getByTestId('fields')).getByTestId('fields-kept').textContent).toBe('3 of 3 kept');
  });

  it('says it in Portuguese', async () => {
    const { user } = await renderApp({
      bridge: fieldsBridge({ 'settings:get': settingsIn('pt-BR') }),
      path: '/contacts?view=import',
      language: 'pt-BR',
    });
    await user.click(await screen.findByRole('button', { name: 'Escolher um arquivo…' }));
    const fields = await screen.findByTestId('fields');
    expect(within(fields).getByRole('heading', { name: 'Outras colunas para guardar' })).toBeTruthy();
    expect(within(fields).getByRole('checkbox', { name: 'Guardar Address 1 - City como {address_1_city}' })).toBeTruthy();
    expect(within(fields).getByText('ex.: “Recife”')).toBeTruthy();
    expect(within(fields).getByText('vazia nas primeiras linhas')).toBeTruthy();
    expect(within(fields).getByTestId('fields-kept').textContent).toBe('2 de 3 guardadas');
    expect(screen.getByRole('heading', { name: 'Passo 2 de 4: qual coluna é qual' })).toBeTruthy();
  });
});

describe('problem rows people can read and fix', () => {
  const corrected = row(5, 'Caio Melo', '+5511987654321', {
    status: 'duplicate',
    duplicateOf: 2,
    corrected: { phone: '+5511987654321', name: 'Caio Melo' },
    cells: ['Caio', '', 'Melo', 'Mobile', '98765-4321', '', 'yes'],
  });

  it('opens a row: the whole reason, its cells under the column names; a correction goes to main and the counts follow', async () => {
    const bridge = bridgeWith({
      'contacts:correctRow': (input) =>
        input.phone === '98765-4321'
          ? { ok: false as const, reason: { code: 'missing-area-code' as const, text: 'no area code' } }
          : {
              ok: true as const,
              row: { ...corrected, status: 'ready' as const, duplicateOf: null, phone: '+5511987650005' },
              counts: { ...shop.counts, ready: 3, invalid: 0, corrected: 1 },
            },
    });
    const { user } = await renderApp({ bridge, path: '/contacts?view=import' });
    await user.click(await screen.findByRole('button', { name: 'Choose a file…' }));
    await openStep(user, '3. Problem rows');
    // The detail wraps and carries the whole sentence.
    const cell = await screen.findByText('“98765-4321” has no area code: write it in front (the DDD in Brazil, e.g. 11).');
    await user.click(cell);
    const fix = await screen.findByTestId('row-fix');
    expect(within(fix).getByRole('heading', { name: 'Line 5' })).toBeTruthy();
    expect(within(fix).getByTestId('row-fix-reason').textContent).toBe(
      '“98765-4321” has no area code: write it in front (the DDD in Brazil, e.g. 11).',
    );
    expect(within(fix).getByText('Phone 1 - Value')).toBeTruthy();

    const number = within(fix).getByRole('textbox', { name: 'Phone number' });
    await user.click(within(fix).getByRole('button', { name: 'Use this correction' }));
    expect(await within(fix).findByRole('alert')).toBeTruthy();
    expect(within(fix).getByRole('alert').textContent).toBe(
      '“98765-4321” has no area code: write it in front (the DDD in Brazil, e.g. 11).',
    );

    await user.clear(number);
    await user.type(number, '(11) 98765-0005');
    await user.clear(within(fix).getByRole('textbox', { name: 'Name' }));
    await user.type(within(fix).getByRole('textbox', { name: 'Name' }), 'Caio Melo');
    await user.click(within(fix).getByRole('button', { name: 'Use this correction' }));
    expect(await within(fix).findByText('Corrected: this row is now “Ready”. The counts above include it.')).toBeTruthy();
    expect(bridge.callsTo('contacts:correctRow').at(-1)).toEqual({
      preflightId: 'pf-g',
      line: 5,
      phone: '(11) 98765-0005',
      name: 'Caio Melo',
    });
    await waitFor(() => expect(screen.getByTestId('count-ready').textContent).toMatch(/^3Ready/));
  });

  it('in Portuguese too', async () => {
    const bridge = bridgeWith({ 'settings:get': settingsIn('pt-BR') });
    const { user } = await renderApp({ bridge, path: '/contacts?view=import', language: 'pt-BR' });
    await user.click(await screen.findByRole('button', { name: 'Escolher um arquivo…' }));
    await openStep(user, '3. Linhas com problema');
    await user.click(await screen.findByText('“98765-4321” está sem o DDD: escreva-o na frente (ex.: 11).'));
    const fix = await screen.findByTestId('row-fix');
    expect(within(fix).getByRole('heading', { name: 'Linha 5' })).toBeTruthy();
    expect(within(fix).getByRole('button', { name: 'Usar esta correção' })).toBeTruthy();
    expect(within(fix).getByText(/Seu arquivo não é alterado/)).toBeTruthy();
  });
});
