import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createGatewayClient, GATEWAY_DEFAULTS } from '../electron/main/gateway/index';
import { messagesFromRows } from '../electron/main/gateway/map';
import { messagesReply } from '../electron/main/gateway/schemas';
import { startSandbox } from '../electron/main/sandbox/index';
import { mulberry32 } from '../electron/main/sandbox/seed';

// What the gateway client costs on the two paths that move volume:
//  1. 2,000 saveContact calls (a CSV import) against the sandbox answering after 50 ms: one at a time vs
//     all at once through the client's default concurrency. Target: concurrent ≥ 6× faster; heap flat.
//  2. a getallsms reply of 50,000 messages (~30 MB of JSON): parse + check + map to domain messages, both
//     on its own and end to end over HTTP. Budget: < 1 s, < 300 MB.
// Sequential saveContact takes ~2,000 × 50 ms ≈ 100 s; BENCH_CONTACTS lowers the count for a quick run.

const MB = 1024 * 1024;
const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 2_000);
const LATENCY_MS = 50;
const MESSAGES = 50_000;

/** A gc() even without --expose-gc, so heap figures compare live objects, not garbage. */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as (() => void) | undefined;
  return () => {
    gc?.();
    gc?.();
  };
}

const round = (n: number, digits = 1): number => Number(n.toFixed(digits));
const heapMb = (): number => process.memoryUsage().heapUsed / MB;
const rssMb = (): number => process.memoryUsage().rss / MB;
/** The process's peak RSS so far (monotonic). A step's peak above its starting RSS = peakRssMb() after − rssMb() before. */
const peakRssMb = (): number => process.resourceUsage().maxRSS / 1024;

async function saveContacts(gc: () => void): Promise<Record<string, unknown>> {
  const sandbox = await startSandbox({ clock: 'manual', seed: false, latencyMs: LATENCY_MS });
  let token: string | null = null;
  const client = createGatewayClient({ baseUrl: sandbox.baseUrl, token: () => token });
  try {
    token = await client.getToken(sandbox.demo.email, sandbox.demo.password);
    const { tagId } = await client.saveTag('Bench import');
    const phone = (run: string, i: number): string => `+1555${run}${String(i).padStart(5, '0')}`;

    gc();
    const heapBefore = heapMb();
    let started = performance.now();
    for (let i = 0; i < CONTACTS; i++) await client.saveContact({ phone: phone('1', i), tagId, name: `Contact ${i}` });
    const sequentialMs = performance.now() - started;

    started = performance.now();
    await Promise.all(Array.from({ length: CONTACTS }, (_, i) => client.saveContact({ phone: phone('2', i), tagId, name: `Contact ${i}` })));
    const concurrentMs = performance.now() - started;
    gc();
    const heapAfter = heapMb();

    return {
      calls: CONTACTS,
      latencyMs: LATENCY_MS,
      concurrency: GATEWAY_DEFAULTS.concurrency,
      sequentialMs: Math.round(sequentialMs),
      concurrentMs: Math.round(concurrentMs),
      speedup: round(sequentialMs / concurrentMs, 2),
      speedupTarget: 6,
      heapBeforeMb: round(heapBefore),
      heapAfterMb: round(heapAfter),
      // Includes the 2 × CONTACTS contacts the in-process sandbox now holds.
      heapGrowthMb: round(heapAfter - heapBefore),
    };
  } finally {
    await client.close();
    await sandbox.close();
  }
}

/** A getallsms reply as the service writes it: id-keyed object, PHP dates, loose nulls. */
function bigReply(count: number): string {
  const random = mulberry32(7);
  const date = (ms: number): string => `{"date":"${new Date(ms).toISOString().replace('T', ' ').slice(0, 19)}.000000","timezone_type":3,"timezone":"Europe/Paris"}`;
  const statuses = [1, 2, 6, 7, 7, 7, 7, 7, 8, 9, 10];
  const titles: Record<number, string> = { 1: 'New', 2: 'Taken', 6: 'sending', 7: 'delivered', 8: 'Not delivered', 9: 'Failed', 10: 'No service' };
  const start = Date.UTC(2024, 3, 1);
  const rows: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = 62_000_000 + i;
    const created = start + i * 50_000;
    const status = statuses[Math.floor(random() * statuses.length)]!;
    const paket = random() < 0.1;
    const row = {
      id,
      sendto: `+4917${String(Math.floor(random() * 1e8)).padStart(8, '0')}`,
      body: `Hallo ${i}, Ihre Bestellung #${100_000 + i} ist unterwegs. Lieferung morgen zwischen 9 und 12 Uhr. Grüße, Ihr Team`,
      customerid: random() < 0.3 ? null : random() < 0.5 ? 0 : 10_000 + i,
      status,
      statustitle: titles[status],
      deviceid: 260 + (i % 3),
      sim: i % 5 === 0 ? 1 : 0,
      urgent: i % 40 === 0 ? true : null,
    };
    const json = JSON.stringify(row).slice(0, -1);
    const sent = status >= 6 ? date(created + 30_000) : 'null';
    const paketFields = paket
      ? `"paketid":${4000 + (i % 7)},"pakettitle":"Newsletter ${i % 7}","paketbody":"Monthly news"`
      : '"paketid":null,"pakettitle":null,"paketbody":null';
    rows.push(`"${id}":${json},"created":${date(created)},"senttime":${sent},"timetosend":null,${paketFields}}`);
  }
  return `{"error":0,"count":${count},"message":"Ok","smss":{${rows.join(',')}}}`;
}

/**
 * Runs `work` while sampling heapUsed (the sampler only runs while `work` awaits I/O); returns its time and
 * the highest heap seen above the start, including what `work` returns.
 */
async function measured<T>(
  gc: () => void,
  work: () => Promise<T>,
): Promise<{ result: T; ms: number; peakHeapMb: number; peakRssAboveStartMb: number }> {
  gc();
  const rssBefore = rssMb();
  const base = heapMb();
  let peak = base;
  const sampler = setInterval(() => {
    peak = Math.max(peak, heapMb());
  }, 1);
  const started = performance.now();
  const result = await work();
  const ms = performance.now() - started;
  clearInterval(sampler);
  peak = Math.max(peak, heapMb());
  return { result, ms, peakHeapMb: peak - base, peakRssAboveStartMb: Math.max(0, peakRssMb() - rssBefore) };
}

/** The client's own parse → schema → mapping steps, timed one by one; heap read after each (no GC between). */
function mapInProcess(gc: () => void, text: string): Record<string, number> {
  gc();
  const rssBefore = rssMb();
  const base = heapMb();
  let peak = base;
  const step = <T>(work: () => T): { value: T; ms: number } => {
    const started = performance.now();
    const value = work();
    const ms = performance.now() - started;
    peak = Math.max(peak, heapMb());
    return { value, ms };
  };
  const json = step(() => JSON.parse(text) as unknown);
  const envelope = step(() => messagesReply.parse(json.value));
  const mapped = step(() => messagesFromRows(envelope.value.smss ?? []));
  return {
    mapped: mapped.value.messages.length,
    mapMs: Math.round(json.ms + envelope.ms + mapped.ms),
    jsonParseMs: Math.round(json.ms),
    envelopeMs: Math.round(envelope.ms),
    rowsToMessagesMs: Math.round(mapped.ms),
    mapPeakHeapMb: round(peak - base),
    mapPeakRssAboveStartMb: round(Math.max(0, peakRssMb() - rssBefore)),
  };
}

async function mapBigReply(gc: () => void): Promise<Record<string, unknown>> {
  const text = bigReply(MESSAGES);
  const replyMb = Buffer.byteLength(text) / MB;
  const inProcess = mapInProcess(gc, text);

  // End to end: the client's getAllSms against a tiny server that answers with the prebuilt reply.
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const client = createGatewayClient({
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/getdata/`,
    token: () => '0'.repeat(32),
    serverTimeZone: 'Europe/Paris',
  });
  try {
    const viaHttp = await measured(gc, () => client.getAllSms());
    return {
      messages: MESSAGES,
      replyMb: round(replyMb),
      ...inProcess,
      httpMapped: viaHttp.result.length,
      httpMs: Math.round(viaHttp.ms),
      httpPeakHeapMb: round(viaHttp.peakHeapMb),
      // Includes the tiny server's copy of the reply and the socket buffers on both sides.
      httpPeakRssAboveStartMb: round(viaHttp.peakRssAboveStartMb),
      budgetMs: 1000,
      budgetMb: 300,
    };
  } finally {
    await client.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

export async function run(): Promise<Record<string, unknown>> {
  const gc = collector();
  // The big reply first, so the process peak RSS reflects it rather than the import run.
  const getAllSms50k = await mapBigReply(gc);
  const saveContact = await saveContacts(gc);
  return { getAllSms50k, saveContact };
}
