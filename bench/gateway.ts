import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createGatewayClient, GATEWAY_DEFAULTS } from '../electron/main/gateway/index';
import { messagesFromRows } from '../electron/main/gateway/map';
import { messagesReply } from '../electron/main/gateway/schemas';
import { startSandbox } from '../electron/sandbox/index';
import { mulberry32 } from '../electron/sandbox/seed';
import { threadCpuMs } from '../electron/main/lib/pace';
import { collector } from './gc';

// What the gateway client costs on the two paths that move volume:
//  1. 2,000 saveContact calls (a CSV import) against the sandbox answering after 50 ms: one at a time vs
//     all at once through the client's default concurrency. Target: concurrent ≥ 6× faster; heap flat.
//  2. a getallsms reply of 50,000 messages (~24 MB of JSON): parse + check + map + order to domain messages,
//     both on its own and end to end over HTTP, each in a fresh process. Budget: < 1 s, < 300 MB peak RSS
//     above the process's start (node + the reply text).
// Sequential saveContact takes ~2,000 × 50 ms ≈ 100 s; BENCH_CONTACTS lowers the count for a quick run.

const MB = 1024 * 1024;
const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 2_000);
const LATENCY_MS = 50;
const MESSAGES = 50_000;

const round = (n: number, digits = 1): number => Number(n.toFixed(digits));
const heapMb = (): number => process.memoryUsage().heapUsed / MB;
const rssMb = (): number => process.memoryUsage.rss() / MB;

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
    await Promise.all(
      Array.from({ length: CONTACTS }, (_, i) => client.saveContact({ phone: phone('2', i), tagId, name: `Contact ${i}` })),
    );
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
  const date = (ms: number): string =>
    `{"date":"${new Date(ms).toISOString().replace('T', ' ').slice(0, 19)}.000000","timezone_type":3,"timezone":"Europe/Paris"}`;
  const statuses = [1, 2, 6, 7, 7, 7, 7, 7, 8, 9, 10];
  const titles: Record<number, string> = {
    1: 'New',
    2: 'Taken',
    6: 'sending',
    7: 'delivered',
    8: 'Not delivered',
    9: 'Failed',
    10: 'No service',
  };
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
 * Samples the process's RSS every millisecond from a worker thread, so a step that keeps the main thread busy
 * (JSON.parse and the mapping are synchronous) is sampled all the way through — an interval timer on the main
 * thread would only fire between steps. RSS covers the V8 heap, the reply text and the socket buffers alike.
 */
async function startRssSampler(): Promise<{ stop(): Promise<number> }> {
  const shared = new Int32Array(new SharedArrayBuffer(8)); // [0] peak RSS in KiB, [1] stop flag
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
     const shared = new Int32Array(workerData);
     const sample = () => {
       const kib = Math.round(process.memoryUsage.rss() / 1024);
       if (kib > Atomics.load(shared, 0)) Atomics.store(shared, 0, kib);
     };
     sample();
     parentPort.postMessage('sampling');
     const timer = setInterval(() => {
       sample();
       if (Atomics.load(shared, 1) === 1) { clearInterval(timer); parentPort.postMessage('stopped'); }
     }, 1);`,
    { eval: true, workerData: shared.buffer },
  );
  await new Promise((resolve) => worker.once('message', resolve));
  return {
    async stop() {
      Atomics.store(shared, 1, 1);
      await new Promise((resolve) => worker.once('message', resolve));
      await worker.terminate();
      return Math.max(Atomics.load(shared, 0) / 1024, rssMb());
    },
  };
}

/** Linux: resets the kernel's peak-RSS mark (VmHWM) for this process; false where that is not possible. */
function resetKernelPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

/** Linux: the kernel's peak RSS (VmHWM) since the last reset, exact however short the spike; else null. */
function kernelPeakRssMb(): number | null {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

interface StepMemory {
  /** RSS when the step started (after a GC): node, tsx, the bench's own copy of the reply, the sampler. */
  rssAtStartMb: number;
  /** Highest RSS during the step: the kernel's VmHWM where it can be reset (Linux), else the 1 ms sampler. */
  peakRssMb: number;
  peakRssAboveStartMb: number;
  /** The sampler's figure, as a cross-check of the kernel's (it can miss spikes shorter than 1 ms). */
  sampledPeakRssMb: number;
  peakRssFrom: 'VmHWM' | 'sampler';
  /** heapUsed right after the step, before any forced GC: what it kept plus garbage not collected yet. */
  heapAfterStepMb: number;
  /** heapUsed after a full GC, above the start: what the step's result keeps alive. */
  retainedHeapMb: number;
}

/** Runs `work` and measures its wall time and peak memory (see StepMemory). */
async function measured<T>(gc: () => void, work: () => T | Promise<T>): Promise<{ result: T; ms: number; memory: StepMemory }> {
  gc();
  const sampler = await startRssSampler();
  const kernel = resetKernelPeakRss();
  const rssAtStart = rssMb();
  const heapAtStart = heapMb();
  const started = performance.now();
  const result = await work();
  const ms = performance.now() - started;
  const heapAfterStep = heapMb();
  const kernelPeak = kernel ? kernelPeakRssMb() : null;
  const sampledPeak = await sampler.stop();
  gc();
  const peak = Math.max(kernelPeak ?? 0, sampledPeak);
  return {
    result,
    ms,
    memory: {
      rssAtStartMb: round(rssAtStart),
      peakRssMb: round(peak),
      peakRssAboveStartMb: round(peak - rssAtStart),
      sampledPeakRssMb: round(sampledPeak),
      peakRssFrom: kernelPeak !== null ? 'VmHWM' : 'sampler',
      heapAfterStepMb: round(heapAfterStep - heapAtStart),
      retainedHeapMb: round(heapMb() - heapAtStart),
    },
  };
}

const prefixed = (prefix: string, memory: StepMemory): Record<string, unknown> =>
  Object.fromEntries(Object.entries(memory).map(([key, value]) => [`${prefix}${key[0]!.toUpperCase()}${key.slice(1)}`, value]));

/** The client's own parse → schema → mapping (and ordering) steps, timed one by one, memory over all three. */
async function mapInProcess(gc: () => void, text: string): Promise<Record<string, unknown>> {
  const times = { jsonParseMs: 0, envelopeMs: 0, rowsToMessagesMs: 0 };
  const step = <T>(name: keyof typeof times, work: () => T): T => {
    const started = performance.now();
    const value = work();
    times[name] = Math.round(performance.now() - started);
    return value;
  };
  let cpuMs = 0;
  const { result, ms, memory } = await measured(gc, () => {
    // The main thread's CPU time too: on a shared machine the clock also counts other processes' turns.
    const cpuBefore = threadCpuMs();
    const json = step('jsonParseMs', () => JSON.parse(text) as unknown);
    const envelope = step('envelopeMs', () => messagesReply.parse(json));
    const mapped = step('rowsToMessagesMs', () => messagesFromRows(envelope.smss ?? []));
    cpuMs = threadCpuMs() - cpuBefore;
    return mapped;
  });
  return { mapped: result.messages.length, mapMs: Math.round(ms), mapCpuMs: Math.round(cpuMs), ...times, ...prefixed('map', memory) };
}

/** End to end: the client's getAllSms against a tiny server in this process answering with `text`. */
async function mapOverHttp(gc: () => void, text: string): Promise<Record<string, unknown>> {
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
      httpMapped: viaHttp.result.length,
      httpMs: Math.round(viaHttp.ms),
      // Includes the tiny server's copy of the reply and the socket buffers on both sides.
      ...prefixed('http', viaHttp.memory),
    };
  } finally {
    await client.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

type ReplyStep = 'map' | 'http';
const STEP_ENV = 'BENCH_GATEWAY_STEP';
const REPLY_ENV = 'BENCH_GATEWAY_REPLY';

/**
 * Runs one getallsms measurement in a fresh process (this file, same node flags), so its RSS starts from
 * node + the reply text only: in this process, the pages left over from building the reply (~90 MB) and from
 * the other step would be reused and hide part of the step's own peak.
 */
async function inFreshProcess(step: ReplyStep, replyFile: string): Promise<Record<string, unknown>> {
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], {
    env: { ...process.env, [STEP_ENV]: step, [REPLY_ENV]: replyFile },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const [code] = (await once(child, 'close')) as [number | null];
  if (code !== 0) throw new Error(`bench step "${step}" exited with ${code}`);
  return JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
}

async function mapBigReply(): Promise<Record<string, unknown>> {
  const text = bigReply(MESSAGES);
  const dir = mkdtempSync(join(tmpdir(), 'bench-gateway-'));
  const replyFile = join(dir, 'getallsms.json');
  writeFileSync(replyFile, text);
  try {
    return {
      messages: MESSAGES,
      replyMb: round(Buffer.byteLength(text) / MB),
      ...(await inFreshProcess('map', replyFile)),
      ...(await inFreshProcess('http', replyFile)),
      budgetMs: 1000,
      budgetMb: 300,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<Record<string, unknown>> {
  const getAllSms50k = await mapBigReply();
  const saveContact = await saveContacts(collector());
  return { getAllSms50k, saveContact };
}

// Child process of inFreshProcess: one step, one JSON line on stdout.
const childStep = process.env[STEP_ENV] as ReplyStep | undefined;
if (childStep) {
  const gc = collector();
  const text = readFileSync(process.env[REPLY_ENV] ?? '', 'utf8');
  const result = childStep === 'map' ? await mapInProcess(gc, text) : await mapOverHttp(gc, text);
  console.log(JSON.stringify(result));
  process.exit(0);
}
