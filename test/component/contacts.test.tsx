import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { ImportView, PreflightRowView, PreflightView, TagView } from '../../shared/ipc';
import type { JobView } from '../../shared/jobs';
import { FakeBridge, settingsIn } from './fake-bridge';
import { renderApp } from './render-app';

// The Contacts screen's states over a FakeBridge: what a user sees with an empty registry, a file with
// problems, a file that cannot be imported, an import under way, and one that needs their decision.

// jsdom does no layout: give scroll boxes the height a window would have, so the virtualised tables render rows.
const savedHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
beforeAll(() => Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 400 }));
afterAll(() => {
  if (savedHeight) Object.defineProperty(HTMLElement.prototype, 'clientHeight', savedHeight);
});

const tag = (id: number, title: string, contacts: number, createdHere = true): TagView => ({
  id,
  title,
  contacts,
  createdHere,
  createdAt: 1_746_000_000_000,
});

const preflight: Extract<PreflightView, { ok: true }> = {
  ok: true,
  preflightId: 'pf-1',
  state: 'complete',
  file: {
    name: 'clientes.csv',
    size: 18_432,
    encoding: 'windows-1252',
    encodingSource: 'detected',
    delimiter: ';',
    delimiterSource: 'sniffed',
    header: ['Nome', 'Celular', 'Cidade'],
    headerSource: 'detected',
    columns: 3,
    mapping: { phone: 1, name: 0 },
    mappingSource: { phone: 'header', name: 'header' },
    country: 'BR',
  },
  counts: {
    rows: 120,
    ready: 108,
    landlines: 4,
    valid: 112,
    invalid: 5,
    duplicates: 3,
    inTag: 0,
    optedOut: 0,
    noConsent: 0,
    noConsentLandlines: 0,
    otherNumbers: 0,
    corrected: 0,
    short: 0,
    undecodable: 0,
  },
  tagId: null,
  problem: null,
};

const row = (line: number, status: PreflightRowView['status'], extra: Partial<PreflightRowView> = {}): PreflightRowView => ({
  line,
  name: `Cliente ${line}`,
  phone: status === 'invalid' ? null : `+55119876500${String(line).padStart(2, '0')}`,
  status,
  reason: null,
  duplicateOf: null,
  cells: [`Cliente ${line}`, `11 98765-00${line}`, 'São Paulo'],
  ...extra,
});
const rows = [
  row(2, 'ready'),
  row(3, 'ready'),
  row(4, 'invalid', { reason: { code: 'too-short', text: 'too short' }, cells: ['Cliente 4', '1234', 'Santos'] }),
  row(5, 'duplicate', { duplicateOf: 2 }),
  row(6, 'landline'),
];

const job = (extra: Partial<JobView> = {}): JobView => ({
  id: 7,
  kind: 'contacts.import',
  title: 'Import clientes.csv',
  state: 'running',
  writes: true,
  total: 5000,
  done: 1200,
  failed: 0,
  unknown: 0,
  ratePerSecond: 38,
  etaSeconds: 100,
  createdAt: 1_746_000_000_000,
  updatedAt: 1_746_000_000_000,
  blockedBy: null,
  error: null,
  summary: null,
  ...extra,
});
const importRecord = (extra: Partial<ImportView> = {}): ImportView => ({
  id: 1,
  jobId: 7,
  state: 'running',
  fileName: 'clientes.csv',
  size: 18_432,
  tag: { id: 41, title: 'Newsletter' },
  counts: {
    rows: 5008,
    valid: 5000,
    invalid: 5,
    duplicates: 3,
    landlines: 0,
    imported: 1200,
    inTag: 0,
    optedOut: 0,
    failed: 0,
    unknown: 0,
  },
  createdAt: 1_746_000_000_000,
  finishedAt: null,
  reportRows: 8,
  ...extra,
});

function bridgeWith(extra: ConstructorParameters<typeof FakeBridge>[0] = {}) {
  return new FakeBridge({
    'jobs:list': () => [],
    'contacts:tags': () => [],
    'contacts:imports': () => [],
    'contacts:pickFile': () => ({ fileId: 'f-1', name: 'clientes.csv', size: 18_432 }),
    'contacts:preflight': () => preflight,
    'contacts:preflightStatus': () => preflight,
    'contacts:preflightRows': (input) => {
      const picked = input.status ? rows.filter((r) => r.status === input.status) : rows;
      return { rows: picked, total: picked.length };
    },
    'contacts:closePreflight': () => undefined,
    ...extra,
  });
}

describe('Contacts screen', () => {
  it('saves an import’s report from the history, without opening the import; says when none was kept', async () => {
    const bridge = bridgeWith({
      'contacts:imports': () => [
        importRecord({ state: 'done' }),
        importRecord({ id: 2, jobId: 8, fileName: 'antigo.csv', state: 'done', reportRows: null, createdAt: 1_745_000_000_000 }),
        importRecord({ id: 3, jobId: 9, fileName: 'limpo.csv', state: 'done', reportRows: 0, createdAt: 1_744_000_000_000 }),
      ],
      'contacts:saveImportReport': () => ({ saved: true, name: 'clientes - problems.csv', rows: 8 }),
    });
    const { user, router } = await renderApp({ bridge, path: '/contacts' });
    const save = await screen.findByRole('button', {
      name: 'Save the report of clientes.csv: the rows left out, with their lines and reasons',
    });
    expect(save.textContent).toBe('Save the report…');
    expect(screen.getAllByRole('button', { name: /^Save the report of/ })).toHaveLength(1);
    expect(screen.getByText('Not kept')).toBeTruthy();
    expect(screen.getByText('No rows left out')).toBeTruthy();
    await user.click(save);
    expect(await screen.findByText('Report of clientes.csv: 8 rows saved in clientes - problems.csv.')).toBeTruthy();
    expect(bridge.callsTo('contacts:saveImportReport')).toEqual([{ importId: 1 }]);
    // The click saved the report; it did not open the import.
    expect(router.state.location.search).toBe('');
  });

  it('shows a new tag whose savetag got no answer next to the history, and sends it again only when asked', async () => {
    const tagJob = job({
      id: 12,
      kind: 'contacts.saveTag',
      title: 'Create the tag Clientes',
      state: 'needs-attention',
      total: 1,
      done: 0,
      unknown: 1,
    });
    const bridge = bridgeWith({
      'jobs:list': () => [tagJob],
      'jobs:steps': () => [{ seq: 0, key: 'savetag', payload: { title: 'Clientes' }, state: 'unknown' as const, error: null }],
      'jobs:retryUnknown': () => ({ ...tagJob, state: 'running' as const, unknown: 0 }),
      'jobs:dismissUnknown': () => ({ ...tagJob, state: 'done' as const, unknown: 0 }),
    });
    const { user } = await renderApp({ bridge, path: '/contacts' });
    const panel = await screen.findByRole('region', { name: 'Was the tag “Clientes” created?' });
    expect(within(panel).getByText(/may or may not exist/)).toBeTruthy();
    expect(bridge.callsTo('jobs:retryUnknown')).toHaveLength(0);
    await user.click(within(panel).getByRole('button', { name: 'Send it again' }));
    expect(bridge.callsTo('jobs:retryUnknown')).toEqual([{ id: 12 }]);
    // Decided: the panel goes (jobs:changed wrote the job's new state).
    await waitFor(() => expect(screen.queryByTestId('tag-job-12')).toBeNull());
    expect(bridge.callsTo('jobs:dismissUnknown')).toHaveLength(0);
  });

  it('offers the same decision in Portuguese', async () => {
    const tagJob = job({
      id: 12,
      kind: 'contacts.saveTag',
      title: 'Create the tag Clientes',
      state: 'needs-attention',
      total: 1,
      done: 0,
      unknown: 1,
    });
    const bridge = bridgeWith({
      'settings:get': settingsIn('pt-BR'),
      'jobs:list': () => [tagJob],
      'jobs:steps': () => [{ seq: 0, key: 'savetag', payload: { title: 'Clientes' }, state: 'unknown' as const, error: null }],
      'jobs:dismissUnknown': () => ({ ...tagJob, state: 'done' as const, unknown: 0 }),
    });
    const { user } = await renderApp({ bridge, path: '/contacts' });
    const panel = await screen.findByRole('region', { name: 'A etiqueta “Clientes” foi criada?' });
    expect(within(panel).getByRole('button', { name: 'Enviar de novo' })).toBeTruthy();
    await user.click(within(panel).getByRole('button', { name: 'Deixar de fora' }));
    expect(bridge.callsTo('jobs:dismissUnknown')).toEqual([{ id: 12 }]);
  });

  it('says the history’s report in Portuguese too', async () => {
    const bridge = bridgeWith({
      'settings:get': settingsIn('pt-BR'),
      'contacts:imports': () => [importRecord({ state: 'done' })],
    });
    await renderApp({ bridge, path: '/contacts' });
    expect(await screen.findByRole('button', { name: /^Salvar o relatório de clientes\.csv/ })).toBeTruthy();
  });

  it('with an empty registry says what to do first, and shows no history', async () => {
    await renderApp({ bridge: bridgeWith(), path: '/contacts' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Contacts' })).toBeTruthy();
    expect(await screen.findByText(/^No tags yet\. Import a CSV file to create your first tag/)).toBeTruthy();
    expect(screen.getByText('Choose a tag to see its contacts.')).toBeTruthy();
    expect(await screen.findByText('No imports yet.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Import contacts' })).toBeTruthy();
  });

  it('lists tags with their counts and shows the chosen tag’s contacts, searched through main', async () => {
    const bridge = bridgeWith({
      'contacts:tags': () => [tag(41, 'Newsletter', 1234), tag(9, 'VIP', 2, false)],
      'contacts:list': (input) => ({
        rows: [{ phone: '+5511987650000', name: input.search ? 'Ana' : 'Bruno', contactId: 1, addedAt: 0 }],
        total: 1,
        fields: [],
      }),
    });
    const { user, router } = await renderApp({ bridge, path: '/contacts' });
    const newsletter = await screen.findByRole('button', { name: 'Newsletter 1,234 contacts #41' });
    expect(screen.getByTestId('tag-9').textContent).toContain('added by id');
    await user.click(newsletter);
    expect(await screen.findByRole('heading', { name: 'Contacts in Newsletter' })).toBeTruthy();
    expect(await screen.findByText('Bruno')).toBeTruthy();
    expect(router.state.location.search).toBe('?tag=41');

    await user.type(screen.getByRole('searchbox', { name: 'Search by name or number' }), 'ana');
    expect(await screen.findByText('Ana')).toBeTruthy();
    expect(bridge.callsTo('contacts:list').at(-1)).toMatchObject({ tagId: 41, search: 'ana' });
  });

  it('adds a tag created elsewhere by its id, checked with the contract’s schema first', async () => {
    const bridge = bridgeWith({ 'contacts:addTag': (input) => tag(input.id, input.title, 0, false) });
    const { user } = await renderApp({ bridge, path: '/contacts' });
    await user.click(await screen.findByText('Add a tag created elsewhere'));
    await user.click(screen.getByRole('button', { name: 'Add tag' }));
    expect(bridge.callsTo('contacts:addTag')).toHaveLength(0);
    expect(screen.getByRole('spinbutton', { name: 'Tag id' }).getAttribute('aria-invalid')).toBe('true');
    await user.type(screen.getByRole('spinbutton', { name: 'Tag id' }), '552');
    await user.type(screen.getByRole('textbox', { name: 'Name to show' }), 'Site leads');
    await user.click(screen.getByRole('button', { name: 'Add tag' }));
    expect(await screen.findByText('Tag “Site leads” added.')).toBeTruthy();
    expect(bridge.callsTo('contacts:addTag')).toEqual([{ id: 552, title: 'Site leads' }]);
  });
});

/** Opens an import step from the step bar ("3. Problem rows"). */
const openStep = async (user: { click: (element: Element) => Promise<void> }, name: string) => {
  await screen.findByTestId('preflight'); // the file is read: its steps are there
  await user.click(await screen.findByRole('button', { name }));
};

describe('import flow', () => {
  it('goes through numbered steps: the columns first, each step’s heading focused, the step in the URL', async () => {
    const { user, router } = await renderApp({ bridge: bridgeWith(), path: '/contacts?view=import' });
    // Before a file: step 1 only; the later steps are not buttons yet.
    expect((await screen.findByTestId('step-title')).textContent).toBe('Step 1 of 4: the file');
    expect(screen.queryByRole('button', { name: '2. Columns' })).toBeNull();
    await user.click(await screen.findByRole('button', { name: 'Choose a file…' }));
    const heading = await screen.findByRole('heading', { name: 'Step 2 of 4: which column is which' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(screen.getByRole('button', { name: '2. Columns' }).getAttribute('aria-current')).toBe('step');
    await user.click(screen.getByRole('button', { name: 'Next: Problem rows' }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Step 3 of 4: rows with problems' })));
    expect(router.state.location.search).toContain('step=rows');
    await user.click(screen.getByRole('button', { name: 'Next: Tag and import' }));
    expect(await screen.findByRole('heading', { name: 'Step 4 of 4: the tag, then import' })).toBeTruthy();
    // The Import button says why it cannot start yet, beside it, before any click.
    const start = screen.getByRole('button', { name: 'Import 108 contacts' });
    expect(screen.getByTestId('why-disabled').textContent).toBe('Give the new tag a name.');
    expect(start.getAttribute('aria-describedby')).toBe(screen.getByTestId('why-disabled').id);
    await user.click(screen.getByRole('button', { name: 'Back: Problem rows' }));
    expect(await screen.findByRole('heading', { name: 'Step 3 of 4: rows with problems' })).toBeTruthy();
  });

  it('shows a file with problems: how it was read, counts at the top, rows with status and line, filters', async () => {
    const bridge = bridgeWith({ 'contacts:saveProblemReport': () => ({ saved: true, name: 'clientes-problemas.csv', rows: 8 }) });
    const { user, router } = await renderApp({ bridge, path: '/contacts?view=import' });
    await user.click(await screen.findByRole('button', { name: 'Choose a file…' }));
    expect((await screen.findByTestId<HTMLSelectElement>('phone-column')).selectedOptions[0]!.textContent).toBe('2: Celular');
    await openStep(user, '3. Problem rows');
    const counts = await screen.findByTestId('preflight-counts');
    expect(within(counts).getByText('120 rows in the file')).toBeTruthy();
    expect(screen.getByTestId('count-ready').textContent).toContain('108');
    expect(screen.getByTestId('count-invalid').textContent).toContain('5');
    expect(screen.getByTestId('count-duplicate').textContent).toContain('3');
    expect(screen.getByTestId('count-landline').textContent).toContain('4');
    // The preview: line numbers, statuses and reasons in the user's words.
    const table = await screen.findByRole('table', { name: 'Rows of the file' });
    expect(within(table).getByText('“1234” is too short to be a phone number: some digits are missing.')).toBeTruthy();
    expect(within(table).getByText('Same number as line 2')).toBeTruthy();
    expect(within(table).getByText('1234')).toBeTruthy(); // the invalid number as written
    expect(router.state.location.search).toContain('preflight=pf-1');

    await user.click(screen.getByRole('radio', { name: /Invalid/ }));
    await waitFor(() => expect(within(screen.getByRole('table', { name: 'Rows of the file' })).queryByText('Cliente 2')).toBeNull());
    expect(bridge.callsTo('contacts:preflightRows').at(-1)).toMatchObject({ preflightId: 'pf-1', status: 'invalid' });
    expect(router.state.location.search).toContain('show=invalid');

    await user.click(screen.getByRole('button', { name: 'Save the 8 problem rows as CSV…' }));
    expect(await screen.findByText('8 rows saved in clientes-problemas.csv.')).toBeTruthy();

    // What was detected, with overrides.
    await openStep(user, '1. File');
    expect(screen.getByRole<HTMLSelectElement>('combobox', { name: /Characters \(encoding\)/ }).value).toBe('windows-1252');
    expect(screen.getByRole<HTMLSelectElement>('combobox', { name: /Columns separated by/ }).value).toBe(';');
    // An override reads the file again with the user's choice.
    await user.selectOptions(screen.getByRole('combobox', { name: /Characters \(encoding\)/ }), 'utf-8');
    await waitFor(() =>
      expect(bridge.callsTo('contacts:preflight').at(-1)).toMatchObject({ fileId: 'f-1', encoding: 'utf-8', country: 'BR' }),
    );
  });

  it('keeps the user’s header choice when the file is read again, as main says it was chosen', async () => {
    // Main answers what it was asked: "no header" comes back as chosen, and every later reading asks the same.
    const answer = (input: { header?: boolean | undefined }) => ({
      ...preflight,
      file: {
        ...preflight.file,
        ...(input.header === false ? { header: null } : {}),
        headerSource: input.header === undefined ? ('detected' as const) : ('chosen' as const),
      },
    });
    const bridge = bridgeWith({ 'contacts:preflight': answer });
    const { user } = await renderApp({ bridge, path: '/contacts?view=import' });
    await user.click(await screen.findByRole('button', { name: 'Choose a file…' }));
    await openStep(user, '1. File');
    const header = await screen.findByRole<HTMLInputElement>('checkbox', { name: 'The first row holds column names' });
    expect(bridge.callsTo('contacts:preflight').at(-1)).not.toHaveProperty('header');
    await user.click(header);
    await waitFor(() => expect(bridge.callsTo('contacts:preflight').at(-1)).toMatchObject({ header: false }));
    await user.selectOptions(screen.getByRole('combobox', { name: /Columns separated by/ }), ',');
    await waitFor(() => expect(bridge.callsTo('contacts:preflight').at(-1)).toMatchObject({ delimiter: ',', header: false }));
  });

  it('takes a dropped CSV: its bytes go to main, which reads it like a chosen file', async () => {
    const bridge = bridgeWith({ 'contacts:dropFile': (input) => ({ fileId: 'f-drop', name: input.name, size: 12 }) });
    const { user } = await renderApp({ bridge, path: '/contacts?view=import' });
    const zone = await screen.findByTestId('drop-zone');
    const file = new File(['Nome;Celular\nAna;11 98765-0000\n'], 'clientes.csv', { type: 'text/csv' });
    fireEvent.drop(zone, { dataTransfer: { files: [file], types: ['Files'] } });
    await waitFor(() => expect(bridge.callsTo('contacts:preflight').at(-1)).toMatchObject({ fileId: 'f-drop' }));
    const sent = bridge.callsTo('contacts:dropFile')[0] as { name: string; data: string };
    expect(sent.name).toBe('clientes.csv');
    expect(Buffer.from(sent.data, 'base64').toString('utf8')).toBe('Nome;Celular\nAna;11 98765-0000\n');
    await openStep(user, '3. Problem rows');
    expect(await screen.findByTestId('preflight-counts')).toBeTruthy();
  });

  it('starts the import into a new tag without landlines by default, and follows the job', async () => {
    const bridge = bridgeWith({ 'contacts:import': () => job({ state: 'queued', done: 0, total: 108 }) });
    const { user, router } = await renderApp({ bridge, path: '/contacts?view=import' });
    await user.click(await screen.findByRole('button', { name: 'Choose a file…' }));
    await openStep(user, '4. Tag and import');
    const start = await screen.findByRole('button', { name: 'Import 108 contacts' });
    await user.click(start);
    expect(await screen.findByText('Give the new tag a name.')).toBeTruthy();
    expect(bridge.callsTo('contacts:import')).toHaveLength(0);

    await user.type(screen.getByRole('textbox', { name: 'Name of the new tag' }), 'Clientes SP');
    await user.click(screen.getByRole('checkbox', { name: 'Also import the 4 landlines' }));
    expect(screen.getByRole('button', { name: 'Import 112 contacts' })).toBeTruthy();
    await user.click(screen.getByRole('checkbox', { name: 'Also import the 4 landlines' }));
    await user.click(screen.getByRole('button', { name: 'Import 108 contacts' }));
    await waitFor(() =>
      expect(bridge.callsTo('contacts:import')).toEqual([
        { preflightId: 'pf-1', target: { newTag: 'Clientes SP' }, includeLandlines: false, includeNoConsent: false },
      ]),
    );
    await waitFor(() => expect(router.state.location.search).toBe('?view=import&job=7'));
    expect(await screen.findByTestId('import-job')).toBeTruthy();
  });

  it('says plainly why a file cannot be imported, in the user’s language, and changes nothing', async () => {
    const bridge = bridgeWith({
      'settings:get': settingsIn('pt-BR'),
      'contacts:pickFile': () => ({ fileId: 'f-2', name: 'planilha.xlsx', size: 9000 }),
      'contacts:preflight': () => ({ ok: false, problem: { code: 'spreadsheet', message: 'This is an Excel file' } }),
    });
    const { user } = await renderApp({ bridge, path: '/contacts?view=import', language: 'pt-BR' });
    await user.click(await screen.findByRole('button', { name: 'Escolher um arquivo…' }));
    const problem = await screen.findByTestId('file-problem');
    expect(problem.textContent).toContain('Este arquivo não pode ser importado');
    expect(problem.textContent).toContain('planilha.xlsx');
    expect(problem.textContent).toContain('Salvar como › Pasta de Trabalho do Excel (.xlsx) ou CSV');
    expect(problem.textContent).toContain('Nada foi alterado.');
    expect(screen.queryByTestId('preflight')).toBeNull();
    expect(bridge.callsTo('contacts:import')).toHaveLength(0);
    expect(within(problem).getByRole('button', { name: 'Escolher outro arquivo' })).toBeTruthy();
  });

  it('waits for the whole file before the import can start', async () => {
    const reading = { ...preflight, state: 'reading' as const, counts: { ...preflight.counts, rows: 40 } };
    const bridge = bridgeWith({ 'contacts:preflight': () => reading, 'contacts:preflightStatus': () => reading });
    const { user } = await renderApp({ bridge, path: '/contacts?view=import' });
    await user.click(await screen.findByRole('button', { name: 'Choose a file…' }));
    await openStep(user, '4. Tag and import');
    expect((await screen.findByRole('button', { name: /^Import \d+ contacts$/ })).hasAttribute('disabled')).toBe(true);
    expect(screen.getByText(/Still reading the file/)).toBeTruthy();
    act(() =>
      bridge.emit('contacts:preflightProgress', { preflightId: 'pf-1', state: 'complete', counts: preflight.counts, problem: null }),
    );
    await waitFor(() => expect(screen.getByRole('button', { name: 'Import 108 contacts' }).hasAttribute('disabled')).toBe(false));
    expect(screen.getByText('120 rows in the file')).toBeTruthy();
  });
});

describe('import job', () => {
  it('shows progress with rate and time left, follows jobs:changed, and pauses', async () => {
    const bridge = bridgeWith({
      'jobs:list': () => [job()],
      'contacts:imports': () => [importRecord()],
      'jobs:pause': () => job({ state: 'paused', ratePerSecond: null, etaSeconds: null }),
    });
    const { user } = await renderApp({ bridge, path: '/contacts?view=import&job=7' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Importing into Newsletter' })).toBeTruthy();
    const progress = screen.getByRole<HTMLProgressElement>('progressbar', { name: 'Contacts imported' });
    expect(progress.value).toBe(1200);
    expect(screen.getByText('1,200 of 5,000 · 38 per second · about 2 minutes left')).toBeTruthy();

    act(() => bridge.emit('jobs:changed', job({ done: 4000, etaSeconds: 30 })));
    expect(await screen.findByText('4,000 of 5,000 · 38 per second · about 30 seconds left')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Pause' }));
    expect(bridge.callsTo('jobs:pause')).toEqual([{ id: 7 }]);
    expect(await screen.findByRole('button', { name: 'Resume' })).toBeTruthy();
    expect(screen.getByText('Paused')).toBeTruthy();
  });

  it('re-attaches to a running import on the registry after a reload (from jobs:list)', async () => {
    const bridge = bridgeWith({
      'jobs:list': () => [job(), job({ id: 8, kind: 'messages.sync', state: 'running' })],
      'contacts:imports': () => [importRecord()],
    });
    await renderApp({ bridge, path: '/contacts' });
    const card = await screen.findByTestId('import-job-7');
    expect(card.textContent).toContain('Importing into Newsletter');
    expect(screen.queryByTestId('import-job-8')).toBeNull();
  });

  it('lists the contacts without an answer and sends them again only when asked', async () => {
    const attention = job({ state: 'needs-attention', done: 4998, unknown: 2, ratePerSecond: null, etaSeconds: null });
    const bridge = bridgeWith({
      'jobs:list': () => [attention],
      'contacts:imports': () => [importRecord({ state: 'needs-attention' })],
      'jobs:steps': () => [
        { seq: 12, key: '+5511987650012', state: 'unknown', error: null, payload: { phone: '+5511987650012', name: 'Carla', line: 14 } },
        { seq: 40, key: '+5511987650040', state: 'unknown', error: null, payload: { phone: '+5511987650040', name: '', line: 42 } },
      ],
      'jobs:retryUnknown': () => ({ ...attention, state: 'running', unknown: 0 }),
    });
    const { user } = await renderApp({ bridge, path: '/contacts?view=import&job=7' });
    const panel = await screen.findByTestId('needs-attention');
    expect(panel.textContent).toContain('The gateway did not answer for 2 contacts');
    const list = await within(panel).findByRole('list', { name: 'Contacts without an answer' });
    expect(list.textContent).toContain('+5511987650012 · Carla · line 14');
    expect(bridge.callsTo('jobs:steps')).toEqual([{ id: 7, state: 'unknown', limit: 500 }]);
    expect(bridge.callsTo('jobs:retryUnknown')).toHaveLength(0);

    await user.click(within(panel).getByRole('button', { name: 'Send these 2 again' }));
    expect(bridge.callsTo('jobs:retryUnknown')).toEqual([{ id: 7 }]);
    await waitFor(() => expect(screen.queryByTestId('needs-attention')).toBeNull());
  });

  it('when done, says how many contacts are in the tag and leads to them', async () => {
    const done = job({ state: 'done', done: 5000, ratePerSecond: null, etaSeconds: null });
    const bridge = bridgeWith({
      'jobs:list': () => [done],
      'contacts:tags': () => [tag(41, 'Newsletter', 5000)],
      'contacts:imports': () => [importRecord({ state: 'done', counts: { ...importRecord().counts, imported: 5000 } })],
      'contacts:list': () => ({ rows: [], total: 0, fields: [] }),
    });
    const { user, router } = await renderApp({ bridge, path: '/contacts?view=import&job=7' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Import finished' })).toBeTruthy();
    const summary = screen.getByTestId('import-summary');
    expect(summary.textContent).toContain('5,000 contacts are now in Newsletter.');
    expect(summary.textContent).toContain('8 rows of the file were invalid or repeated.');
    await user.click(within(summary).getByRole('button', { name: 'See the contacts of Newsletter' }));
    await waitFor(() => expect(router.state.location.search).toBe('?tag=41'));
    expect(await screen.findByRole('heading', { name: 'Contacts in Newsletter' })).toBeTruthy();
  });
});
