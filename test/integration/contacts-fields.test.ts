import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayClient } from '../../electron/main/gateway';
import type { Sandbox } from '../../electron/sandbox';
import { spawnCli } from '../fixtures/cli';
import { xlsxBytes } from '../fixtures/xlsx';
import { sandboxAccount, type SandboxAccount } from './sandbox-account';

// Fields kept from an import, end to end with real processes against the sandbox: `relay import --keep-fields`
// keeps the chosen columns of a workbook, `relay campaign --tag` fills {cidade} from them, and the recipients
// whose city is empty are reported before sending (the message goes with that part blank).

let account: SandboxAccount;
let sandbox: Sandbox;
let dir: string;
let client: GatewayClient;
let device: number;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  account = await sandboxAccount({
    folder: 'relay-contact-fields',
    device: { title: 'Loja' },
    account: { email: 'fields@example.com', password: 'fields-pass' },
    sandbox: { clock: 'real', newsletterAutoStartSeconds: null },
  });
  ({ sandbox, dir, client, device, env } = account);
});
afterAll(() => account.close());

const common = () => ['--server', sandbox.baseUrl, '--data-dir', join(dir, 'data')];
const GOOGLE = join(import.meta.dirname, '../fixtures/sources/google-contacts-fields.csv');

describe('fields kept from an import', () => {
  it('a dry run lists the columns kept by default (those with values) with their placeholders; --keep-fields chooses', async () => {
    const all = await spawnCli(['import', GOOGLE, ...common(), '--country', 'BR', '--dry-run', '--json'], env).done;
    expect(all.code, all.stderr).toBe(0);
    const fields = (JSON.parse(all.stdout) as { fields: { header: string; key: string; sample: string }[] }).fields;
    expect(fields).toEqual(
      expect.arrayContaining([
        { header: 'Birthday', key: 'birthday', sample: '1990-04-12' },
        { header: 'Address 1 - City', key: 'address_1_city', sample: 'São Paulo' },
      ]),
    );
    // Empty in every row: not kept.
    expect(fields.map((f) => f.header)).not.toContain('Phonetic First Name');

    const chosen = await spawnCli(
      ['import', GOOGLE, ...common(), '--country', 'BR', '--dry-run', '--keep-fields', 'address 1 - city', '--json'],
      env,
    ).done;
    expect((JSON.parse(chosen.stdout) as { fields: { key: string }[] }).fields.map((f) => f.key)).toEqual(['address_1_city']);
    const none = await spawnCli(['import', GOOGLE, ...common(), '--country', 'BR', '--dry-run', '--keep-fields', 'none'], env).done;
    expect(none.stdout).toContain('Fields kept: none');

    const unknown = await spawnCli(['import', GOOGLE, ...common(), '--country', 'BR', '--dry-run', '--keep-fields', 'City,Cidade'], env)
      .done;
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no column "City", "Cidade"');
    expect(unknown.stderr).toContain('"Address 1 - City"');
  }, 60_000);

  it('relay import --keep-fields then relay campaign --tag fills {cidade} and reports the recipients without one', async () => {
    const workbook = join(dir, 'clientes.xlsx');
    writeFileSync(
      workbook,
      xlsxBytes([
        {
          name: 'Clientes',
          rows: [
            ['Nome', 'Celular', 'Cidade', 'Aniversário', 'Pedido', 'Observação'],
            ['Ana', '(11) 93333-0001', 'Recife', '12/04', 'A-100', 'cliente antiga'],
            ['Bia', '(11) 93333-0002', null, '30/05', 'A-101', null],
            ['Caio', '(11) 93333-0003', 'São Paulo', null, null, null],
          ],
        },
      ]),
    );
    const imported = await spawnCli(
      ['import', workbook, ...common(), '--country', 'BR', '--tag', 'Clientes Recife', '--keep-fields', 'Cidade,Aniversario', '--json'],
      env,
    ).done;
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ imported: 3, fields: ['cidade', 'aniversario'] });

    const run = await spawnCli(
      ['campaign', ...common(), '--tag', 'Clientes Recife', '--body', 'Olá {nome} de {cidade}', '--device', String(device), '--json'],
      env,
    ).done;
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as {
      recipients: number;
      queuedRecipients: number;
      blanks: { rows: number; byPlaceholder: Record<string, number>; first: { phone: string; name: string; blanks: string[] }[] };
    };
    expect(report).toMatchObject({ recipients: 3, queuedRecipients: 3 });
    // Bia has no city: counted and named.
    expect(report.blanks).toEqual({
      rows: 1,
      byPlaceholder: { cidade: 1 },
      first: [{ phone: '+5511933330002', name: 'Bia', blanks: ['cidade'] }],
    });

    const sent = (await client.getAllSms({ deviceId: device })).filter((m) => m.status !== 5);
    expect(Object.fromEntries(sent.map((m) => [m.sendTo, m.body]))).toEqual({
      '+5511933330001': 'Olá Ana de Recife',
      '+5511933330002': 'Olá Bia de ', // what the template makes: the empty part is blank
      '+5511933330003': 'Olá Caio de São Paulo',
    });
  }, 90_000);

  it('without --json the empty values are said on stderr before the campaign runs', async () => {
    const path = join(dir, 'pedidos.csv');
    writeFileSync(path, ['Nome;Celular;Pedido', 'Duda;(11) 94444-0001;B-1', 'Eva;(11) 94444-0002;'].join('\n'));
    expect((await spawnCli(['import', path, ...common(), '--country', 'BR', '--tag', 'Pedidos'], env).done).code).toBe(0);
    const run = await spawnCli(
      ['campaign', ...common(), '--tag', 'Pedidos', '--body', 'Oi {nome}, seu pedido {pedido} saiu', '--device', String(device)],
      env,
    ).done;
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('1 recipient has an empty value in this message ({pedido} empty for 1)');
    expect(run.stderr).toContain('+5511944440002 (Eva): {pedido}');
  }, 90_000);
});
