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

/**
 * The screen's scrolling area holds the open step whole at this window size (nothing to scroll to), and the
 * named elements are inside the window.
 */
async function stepFits(app: AppUnderTest, ...names: (string | RegExp)[]): Promise<{ overflow: number; outside: string[] }> {
  const { page } = app;
  // How far the screen's scrolling area runs past the window, and what sticks out (said when a test fails).
  const { over, culprits } = await page.evaluate(() => {
    const content = document.querySelector('.content');
    if (!content) return { over: 0, culprits: '' };
    const bottom = content.getBoundingClientRect().bottom;
    const out = [...content.querySelectorAll('*')].filter((el) => el.getBoundingClientRect().bottom > bottom);
    return {
      over: content.scrollHeight - content.clientHeight,
      culprits: out
        .slice(0, 6)
        .map((el) => `${el.tagName}.${String(el.className)}`)
        .join(' | '),
    };
  });
  if (over > 0) console.error(`The step runs ${over}px past the window: ${culprits}`);
  const overflow = over;
  const height = page.viewportSize()!.height;
  const outside: string[] = [];
  for (const name of names) {
    const box = await page.getByRole('button', { name }).boundingBox();
    if (!box || box.y + box.height > height) outside.push(String(name));
  }
  return { overflow, outside };
}

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
    await expect.poll(() => page.getByTestId('preflight').getAttribute('data-state')).toBe('complete');
    // A read file opens on its columns (step 2): a header in Portuguese mapped to name and phone, the city kept.
    await page.getByRole('heading', { name: 'Step 2 of 4: which column is which' }).waitFor();
    expect(await page.getByTestId('phone-column').locator('option:checked').textContent()).toBe('2: Celular');
    expect(await page.getByTestId('name-column').locator('option:checked').textContent()).toBe('1: Nome');
    expect(await page.getByRole('checkbox', { name: 'Keep Cidade as {cidade}' }).isChecked()).toBe(true);
    // How it was read (step 1): Excel's Windows encoding, semicolons.
    await page.getByRole('button', { name: '1. File' }).click();
    expect(await page.getByRole('combobox', { name: /Characters \(encoding\)/ }).inputValue()).toBe('windows-1252');
    expect(await page.getByRole('combobox', { name: /Columns separated by/ }).inputValue()).toBe(';');
    await page.getByRole('button', { name: 'Next: Columns' }).click();
    await page.getByRole('button', { name: 'Next: Problem rows' }).click();
    const counts = page.getByTestId('preflight-counts');
    expect(await counts.textContent()).toContain('127 rows in the file');
    expect(await page.getByTestId('count-ready').textContent()).toMatch(/^120Ready/);
    expect(await page.getByTestId('count-landline').textContent()).toMatch(/^2Landlines/);
    expect(await page.getByTestId('count-invalid').textContent()).toMatch(/^3Invalid/);
    expect(await page.getByTestId('count-duplicate').textContent()).toMatch(/^2Duplicates/);
    const preview = page.getByRole('table', { name: 'Rows of the file' });
    await preview.getByText('José Gonçalves').waitFor(); // accents read right from Windows-1252
    expect(await preview.getByText('+5511987650206').count()).toBe(1); // "011 98765-0206" with its trunk prefix

    // Map: the names taken from another column, and the preview follows; then back to the guessed column.
    const firstRow = preview.locator('tbody tr[data-index="0"]');
    expect(await firstRow.textContent()).toContain('Ana Souza');
    await page.getByRole('button', { name: '2. Columns' }).click();
    await page.getByTestId('name-column').selectOption({ label: '3: Cidade' });
    await expect.poll(() => page.getByTestId('preflight').getAttribute('data-state')).toBe('complete');
    await page.getByText('As you chose.').waitFor(); // no longer "guessed"
    // The city is the name now: no longer offered as a field.
    await expect.poll(() => page.getByRole('checkbox', { name: 'Keep Cidade as {cidade}' }).count()).toBe(0);
    await app.screenshot('import-mapping');
    await page.getByRole('button', { name: 'Next: Problem rows' }).click();
    await expect.poll(() => firstRow.textContent()).toContain('São Paulo');
    expect(await firstRow.textContent()).not.toContain('Ana Souza');
    expect(await firstRow.textContent()).toContain('+5511987650000'); // the phone column did not move
    await page.getByRole('button', { name: '2. Columns' }).click();
    await page.getByTestId('name-column').selectOption({ label: '1: Nome' });
    await expect.poll(() => page.getByTestId('preflight').getAttribute('data-state')).toBe('complete');
    await page.getByRole('button', { name: 'Next: Problem rows' }).click();
    await expect.poll(() => firstRow.textContent()).toContain('Ana Souza');
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

  it('shows each step whole in a 1024×640 window, the tag choice and the Import button without scrolling', async () => {
    const { page } = app;
    await page.setViewportSize({ width: 1024, height: 640 });
    try {
      for (const [button, heading, shot] of [
        ['1. File', 'Step 1 of 4: the file', 'import-step-1-file'],
        ['2. Columns', 'Step 2 of 4: which column is which', 'import-step-2-columns'],
        ['3. Problem rows', 'Step 3 of 4: rows with problems', 'import-step-3-rows'],
        ['4. Tag and import', 'Step 4 of 4: the tag, then import', 'import-step-4-tag'],
      ] as const) {
        await page.getByRole('button', { name: button }).click();
        const title = page.getByRole('heading', { name: heading });
        await title.waitFor();
        // The step's heading has the focus (keyboard and screen-reader users start there).
        await expect.poll(() => title.evaluate((el) => el === document.activeElement)).toBe(true);
        await app.screenshot(shot);
        const next = shot.endsWith('tag') ? [/^Import 120 contacts$/] : [/^Next: /];
        expect(await stepFits(app, ...next)).toEqual({ overflow: 0, outside: [] });
      }
      expect(await page.getByRole('radio', { name: 'A new tag' }).isVisible()).toBe(true);
      expect(await app.accessibilityViolations()).toEqual([]);
    } finally {
      await page.setViewportSize({ width: 1280, height: 820 });
    }
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
    await history
      .getByRole('button', { name: 'Save the report of clientes-loja.csv: the rows left out, with their lines and reasons' })
      .click();
    await page.getByText('Report of clientes-loja.csv: 5 rows saved in problems.csv.').waitFor();
    for (const line of ['42', '57', '72', '87', '97'])
      expect(await readFile(reportPath(), 'utf8')).toMatch(new RegExp(`(^|[\\r\\n])${line},`));
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
    await page.getByRole('button', { name: '4. Etiqueta e importação' }).click();
    await page.getByLabel('Uma etiqueta do Relay Desk').check();
    await page.getByRole('combobox', { name: 'Etiqueta', exact: true }).selectOption({ label: 'Clientes da loja (120 contatos)' });
    // The same file into the same tag: every number is already there.
    await page.getByRole('button', { name: '3. Linhas com problema' }).click();
    await expect.poll(() => page.getByTestId('count-in-tag').textContent()).toMatch(/^120Já na etiqueta/);
    await app.screenshot('import-pt-BR');
    expect(await app.accessibilityViolations()).toEqual([]);

    // Each step at 1024×640 in Portuguese.
    await page.setViewportSize({ width: 1024, height: 640 });
    try {
      for (const [button, heading, shot] of [
        ['1. Arquivo', 'Passo 1 de 4: o arquivo', 'import-step-1-file-pt-BR'],
        ['2. Colunas', 'Passo 2 de 4: qual coluna é qual', 'import-step-2-columns-pt-BR'],
        ['3. Linhas com problema', 'Passo 3 de 4: linhas com problema', 'import-step-3-rows-pt-BR'],
        ['4. Etiqueta e importação', 'Passo 4 de 4: a etiqueta, depois importar', 'import-step-4-tag-pt-BR'],
      ] as const) {
        await page.getByRole('button', { name: button }).click();
        await page.getByRole('heading', { name: heading }).waitFor();
        await app.screenshot(shot);
        const next = shot.includes('tag') ? [/^Importar \d+ contatos?$/] : [/^Próximo: /];
        expect(await stepFits(app, ...next)).toEqual({ overflow: 0, outside: [] });
      }
      expect(await app.accessibilityViolations()).toEqual([]);
    } finally {
      await page.setViewportSize({ width: 1280, height: 820 });
    }
  });
});
