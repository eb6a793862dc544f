import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../electron/sandbox';
import { closeBrowser, launchApp, type AppUnderTest } from './harness';

// The Contacts screen over the real services and the sandbox over HTTP: choose a CSV file (the OS dialog is
// a double returning a fixture's path), see how it was read and what is wrong with it, import it into a new
// tag, watch the progress (pause, a window reload, resume), and find the contacts in the tag.

// 127 rows, Windows-1252, `;`: 120 mobiles written four ways, 2 landlines, 3 invalid (lines 42, 57, 72),
// 2 repeats (lines 87 and 97 of lines 5 and 22).
const FIXTURE = resolve(import.meta.dirname, '../fixtures/csv-e2e/clientes-loja.csv');

describe('contacts screen and import', () => {
  let sandbox: Sandbox;
  let app: AppUnderTest;
  let work: string;
  const reportPath = () => join(work, 'problems.csv');

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'relay-e2e-contacts-'));
    sandbox = await startSandbox({ clock: 'real', seed: true });
    app = await launchApp({
      platform: {
        startSandbox: async () => sandbox,
        pickFile: async () => FIXTURE,
        saveFile: async () => reportPath(),
      },
    });
  });
  afterAll(async () => {
    await app?.close();
    await sandbox?.close();
    await closeBrowser();
    await rm(work, { recursive: true, force: true });
  });

  it('starts empty, and takes a tag created elsewhere by its id', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Try without an account' }).click();
    await page.getByRole('link', { name: 'Contacts', exact: true }).click();
    await page.getByText(/^No tags yet\./).waitFor();
    await page.getByText('No imports yet.').waitFor();
    expect(await app.accessibilityViolations()).toEqual([]);

    await page.getByText('Add a tag created elsewhere').click();
    await page.getByRole('spinbutton', { name: 'Tag id' }).fill('7001');
    await page.getByRole('textbox', { name: 'Name to show' }).fill('Site leads');
    await page.getByRole('button', { name: 'Add tag' }).click();
    await page.getByRole('button', { name: /^Site leads No contacts #7001/ }).waitFor();
    await page.getByText('This tag has no contacts yet.').waitFor();
  });

  it('reads the file, shows what it found, and saves the problem rows', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Import contacts' }).click();
    await page.getByRole('button', { name: 'Choose a file…' }).click();
    const counts = page.getByTestId('preflight-counts');
    await expect.poll(() => page.getByTestId('preflight').getAttribute('data-state')).toBe('complete');
    expect(await counts.textContent()).toContain('127 rows in the file');
    expect(await page.getByTestId('count-ready').textContent()).toMatch(/^120Ready/);
    expect(await page.getByTestId('count-landline').textContent()).toMatch(/^2Landlines/);
    expect(await page.getByTestId('count-invalid').textContent()).toMatch(/^3Invalid/);
    expect(await page.getByTestId('count-duplicate').textContent()).toMatch(/^2Duplicates/);
    // How it was read: Excel's Windows encoding, semicolons, a header in Portuguese mapped to name and phone.
    expect(await page.getByRole('combobox', { name: /Characters \(encoding\)/ }).inputValue()).toBe('windows-1252');
    expect(await page.getByRole('combobox', { name: /Columns separated by/ }).inputValue()).toBe(';');
    expect(await page.getByTestId('phone-column').locator('option:checked').textContent()).toBe('2: Celular');
    expect(await page.getByTestId('name-column').locator('option:checked').textContent()).toBe('1: Nome');
    const preview = page.getByRole('table', { name: 'Rows of the file' });
    await preview.getByText('José Gonçalves').waitFor(); // accents read right from Windows-1252
    expect(await preview.getByText('+5511987650206').count()).toBe(1); // "011 98765-0206" with its trunk prefix

    // Map: the names taken from another column, and the preview follows; then back to the guessed column.
    const firstRow = preview.locator('tbody tr[data-index="0"]');
    expect(await firstRow.textContent()).toContain('Ana Souza');
    await page.getByTestId('name-column').selectOption({ label: '3: Cidade' });
    await expect.poll(() => firstRow.textContent()).toContain('São Paulo');
    await expect.poll(() => page.getByTestId('preflight').getAttribute('data-state')).toBe('complete');
    expect(await firstRow.textContent()).not.toContain('Ana Souza');
    expect(await firstRow.textContent()).toContain('+5511987650000'); // the phone column did not move
    await page.getByText('As you chose.').waitFor(); // no longer "guessed"
    await app.screenshot('import-mapping');
    await page.getByTestId('name-column').selectOption({ label: '1: Nome' });
    await expect.poll(() => firstRow.textContent()).toContain('Ana Souza');
    await expect.poll(() => page.getByTestId('preflight').getAttribute('data-state')).toBe('complete');
    expect(await page.getByTestId('count-ready').textContent()).toMatch(/^120Ready/);

    await page.getByText('Invalid', { exact: true }).click();
    await expect.poll(() => preview.locator('tbody tr').count()).toBe(3);
    expect(await preview.textContent()).toContain('is too short to be a phone number: some digits are missing.');
    expect(await preview.textContent()).toContain('is not a phone number.');
    // A problem row opens with all of its reason and its number and name to correct.
    await preview.locator('tbody tr').first().click();
    await page.getByTestId('row-fix').waitFor();
    await app.screenshot('import-row-fix');
    await page.getByText('All rows', { exact: true }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).not.toContain('show=');
    await app.screenshot('import');
    expect(await app.accessibilityViolations()).toEqual([]);

    await page.getByRole('button', { name: 'Save the 5 problem rows as CSV…' }).click();
    await page.getByText('5 rows saved in problems.csv.').waitFor();
    const report = await readFile(reportPath(), 'utf8');
    for (const line of ['42', '57', '72', '87', '97']) expect(report).toMatch(new RegExp(`(^|[\\r\\n,;"])${line}[,;"]`));
  });

  it('imports into a new tag with progress, survives a reload while paused, and lands in the tag', async () => {
    const { page } = app;
    await page.getByLabel('A new tag').check();
    await page.getByRole('textbox', { name: 'Name of the new tag' }).fill('Clientes da loja');
    sandbox.setLatency(350); // slow enough to watch
    await page.getByRole('button', { name: 'Import 120 contacts' }).click();

    const job = page.getByTestId('import-job');
    const bar = page.getByRole('progressbar', { name: 'Contacts imported' });
    await expect.poll(async () => Number(await bar.getAttribute('value')), { timeout: 15_000 }).toBeGreaterThan(8);
    // Once a few seconds of work are behind it, the line under the bar gives the rate and the time left.
    await expect.poll(() => job.textContent(), { timeout: 15_000 }).toMatch(/of 120 · [\d.]+ per second · about \d+ seconds? left/);
    expect(await job.getAttribute('data-state')).toBe('running');
    await app.screenshot('import-progress');
    expect(await app.accessibilityViolations()).toEqual([]);

    await page.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => job.getAttribute('data-state')).toBe('paused');
    const pausedAt = Number(await bar.getAttribute('value'));
    expect(pausedAt).toBeLessThan(120);
    await app.reload(); // the window reloads: the job lives in main, the screen finds it again
    await expect.poll(() => page.getByTestId('import-job').getAttribute('data-state')).toBe('paused');
    expect(Number(await bar.getAttribute('value'))).toBeGreaterThanOrEqual(pausedAt);
    sandbox.setLatency(20);
    await page.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => job.getAttribute('data-state'), { timeout: 30_000 }).toBe('done');
    await page.getByText('120 contacts are now in Clientes da loja.').waitFor();
    expect(await page.getByTestId('import-summary').textContent()).toContain('5 rows of the file were invalid or repeated.');
    expect(await page.getByTestId('import-summary').textContent()).toContain('2 landlines were left out (they cannot receive SMS).');
    await app.screenshot('import-done');
    expect(await app.accessibilityViolations()).toEqual([]);
    await expect.poll(() => app.notifications.some((n) => n.title === 'Import finished')).toBe(true);
    // Clicking it opens Contacts.
    expect(app.notifications.find((n) => n.title === 'Import finished')?.screen).toBe('/contacts');

    await page.getByRole('button', { name: 'See the contacts of Clientes da loja' }).click();
    const list = page.getByRole('table', { name: 'Contacts in Clientes da loja' });
    await list.getByText('Ana Souza').waitFor();
    expect(await page.getByRole('button', { name: /^Clientes da loja 120 contacts #\d+$/ }).count()).toBe(1);
    await page.getByRole('searchbox', { name: 'Search by name or number' }).fill('Conceição');
    await expect.poll(() => list.textContent()).not.toContain('Ana Souza');
    expect(await list.textContent()).toContain('Fábio Conceição');
    await page.getByRole('searchbox', { name: 'Search by name or number' }).fill('');
    await list.getByText('Ana Souza').waitFor();
    // A contact opens from its row: its name edited here (the dialog says the gateway keeps its own copy).
    await list.getByText('Ana Souza').click();
    await page.getByRole('button', { name: 'Edit: Ana Souza' }).click();
    const edit = page.getByRole('dialog', { name: /^Edit the contact/ });
    await edit.getByText(/The gateway keeps the name it was imported with/).waitFor();
    await app.screenshot('contact-edit');
    await edit.getByRole('textbox', { name: 'Name' }).fill('Ana Souza Lima');
    await edit.getByRole('button', { name: 'Save' }).click();
    await list.getByText('Ana Souza Lima').waitFor();
    await app.screenshot('contacts-managed');
    // The history row says what came of the import.
    const history = page.getByRole('table', { name: 'Import history' });
    expect(await history.textContent()).toContain('clientes-loja.csv');
    expect(await history.textContent()).toContain('120 of 122');
    // Its report, kept when the import started (the preflight is long closed), saved from the history row.
    await rm(reportPath()); // the preflight's own save wrote there: this one writes it again
    await history.getByRole('button', { name: 'Save the report of clientes-loja.csv: the rows left out, with their lines and reasons' }).click();
    await page.getByText('Report of clientes-loja.csv: 5 rows saved in problems.csv.').waitFor();
    for (const line of ['42', '57', '72', '87', '97']) expect(await readFile(reportPath(), 'utf8')).toMatch(new RegExp(`(^|[\\r\\n])${line},`));
    expect(page.url()).not.toContain('job='); // saving did not open the import
    await app.screenshot('contacts');
    expect(await app.accessibilityViolations()).toEqual([]);
  });

  it('speaks Portuguese when Settings say so', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    await page.getByRole('combobox', { name: 'Language' }).selectOption('pt-BR');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('link', { name: 'Contatos', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Contatos' }).waitFor();
    await page.getByRole('button', { name: /^Clientes da loja 120 contatos/ }).click();
    await page.getByRole('table', { name: 'Contatos em Clientes da loja' }).getByText('Ana Souza').waitFor();
    await page.getByRole('heading', { name: 'Histórico de importações' }).waitFor();
    await app.screenshot('contacts-pt-BR');
    expect(await app.accessibilityViolations()).toEqual([]);

    await page.getByRole('button', { name: 'Importar contatos' }).click();
    await page.getByRole('button', { name: 'Escolher um arquivo…' }).click();
    await expect.poll(() => page.getByTestId('preflight').getAttribute('data-state')).toBe('complete');
    await page.getByTestId('count-in-tag').waitFor();
    await page.getByLabel('Uma etiqueta do Relay Desk').check();
    await page.getByRole('combobox', { name: 'Etiqueta', exact: true }).selectOption({ label: 'Clientes da loja (120 contatos)' });
    // The same file into the same tag: every number is already there.
    await expect.poll(() => page.getByTestId('count-in-tag').textContent()).toMatch(/^120Já na etiqueta/);
    await app.screenshot('import-pt-BR');
    expect(await app.accessibilityViolations()).toEqual([]);
  });
});
