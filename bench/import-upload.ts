import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createImportKind, IMPORT_CONCURRENCY, IMPORT_KIND, type ImportInput } from '../electron/main/contacts/import-job';
import { listContacts, saveTag } from '../electron/main/contacts/registry';
import { fileDigest } from '../electron/main/contacts/source';
import { closeDatabase, openAccountDatabase } from '../electron/main/db';
import { createGatewayClient, GATEWAY_DEFAULTS } from '../electron/main/gateway';
import { createJobRunner } from '../electron/main/jobs';
import { startSandbox } from '../electron/sandbox';

// `uploadSpeedup` of bench 'import': 2,000 contacts into a tag through the real `contacts.import` job and the
// real gateway client over HTTP to the sandbox at 50 ms a reply, with the app's concurrency, against the same
// job one contact at a time. Each run checks that every contact reached the sandbox once (its write count).

const CONTACTS = 2_000;
const LATENCY_MS = 50;
const EMAIL = 'bench-upload@example.com';
const PASSWORD = 'bench-pass';

export async function uploadSpeedup(): Promise<Record<string, unknown>> {
  const sandbox = await startSandbox({ clock: 'manual', seed: false, accounts: [{ email: EMAIL, password: PASSWORD }] });
  const dir = mkdtempSync(join(tmpdir(), 'relay-bench-upload-'));
  try {
    const token = await createGatewayClient({ baseUrl: sandbox.baseUrl }).getToken(EMAIL, PASSWORD);
    // As the app builds it (services.ts): the client's own limit is its default.
    const client = createGatewayClient({ baseUrl: sandbox.baseUrl, token: () => token });
    const path = join(dir, 'clientes.csv');
    const lines = ['Nome;Celular'];
    for (let i = 0; i < CONTACTS; i++)
      lines.push(`Cliente ${i};(11) 9${String(10_000_000 + i).slice(0, 4)}-${String(10_000_000 + i).slice(4)}`);
    writeFileSync(path, lines.join('\r\n'));
    const file = { path, name: 'clientes.csv', ...(await fileDigest(path)) };

    const upload = async (concurrency: number): Promise<{ ms: number; state: string | null; imported: number; writes: number }> => {
      const db = openAccountDatabase({
        dataDir: join(dir, `c${concurrency}`),
        account: { server: sandbox.baseUrl, email: EMAIL, sandbox: false },
      });
      const runner = createJobRunner({ db });
      runner.register(createImportKind({ client: () => client, now: Date.now, concurrency }));
      const { tagId } = await client.saveTag(`Bench ${concurrency}`);
      saveTag(db, { id: tagId, title: `Bench ${concurrency}`, createdHere: true }, Date.now());
      const input: ImportInput = {
        file,
        read: { country: 'BR', encoding: 'utf-8', delimiter: ';', header: true, phoneColumn: 1, nameColumn: 0 },
        tag: { id: tagId, title: `Bench ${concurrency}` },
        includeLandlines: false,
        counts: { rows: CONTACTS, valid: CONTACTS, invalid: 0, duplicates: 0, landlines: 0 },
      };
      sandbox.dropRepliesAfterCommit(null); // counts the writes from here
      sandbox.setLatency(LATENCY_MS);
      const started = performance.now();
      const job = await runner.start(IMPORT_KIND, input, { title: 'bench' });
      await runner.idle(job.id);
      const ms = performance.now() - started;
      sandbox.setLatency(0);
      const writes = sandbox.faultStats().writes;
      const state = runner.get(job.id)?.state ?? null;
      const imported = listContacts(db, { tagId, offset: 0, limit: 1 }).total;
      await runner.stop();
      closeDatabase(db);
      return { ms, state, imported, writes };
    };

    const concurrent = await upload(IMPORT_CONCURRENCY);
    const oneByOne = await upload(1);
    await client.close();
    for (const run of [concurrent, oneByOne]) {
      if (run.state !== 'done' || run.imported !== CONTACTS || run.writes !== CONTACTS) {
        throw new Error(`upload bench: ${JSON.stringify(run)} (expected done, ${CONTACTS} imported, ${CONTACTS} writes)`);
      }
    }
    return {
      uploadContacts: CONTACTS,
      uploadLatencyMs: LATENCY_MS,
      uploadConcurrency: IMPORT_CONCURRENCY,
      gatewayConcurrency: GATEWAY_DEFAULTS.concurrency,
      uploadMs: Math.round(concurrent.ms),
      uploadOneByOneMs: Math.round(oneByOne.ms),
      uploadSpeedup: Number((oneByOne.ms / concurrent.ms).toFixed(2)),
    };
  } finally {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// Alone: `npx tsx bench/import-upload.ts` prints its JSON line.
if (process.argv[1]?.endsWith('import-upload.ts')) {
  console.log(JSON.stringify(await uploadSpeedup()));
  process.exit(0);
}
