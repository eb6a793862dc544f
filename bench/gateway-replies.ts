import { createGatewayClient } from '../electron/main/gateway/index';
import { messagesFromReply } from '../electron/main/gateway/client';
import { decodeReply } from '../electron/main/gateway/http';
import { startSandbox } from '../electron/sandbox/index';
import { threadCpuMs } from '../electron/main/lib/pace';
import type { Message } from '../shared/domain';

// What a history sync's getallsms replies cost the thread that answers the window (issue 22), without the network
// or the mirror: 100 replies of ~1,000 messages (a million over 180 days is ~1,000 per 4.3-hour window: the same
// density) are fetched raw from the sandbox once, then turned into messages as getAllSms does (bytes → text,
// JSON, envelope, rows → messages, order) round after round. Figures are this thread's CPU ms per 100,000
// messages (best and median round: load stretches neither much), and what a structured clone of those messages
// costs (posting them to the mirror's thread clones them the same way).

const REPLIES = 100;
const PER_REPLY = 1_000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const DAY = 86_400_000;

const round = (n: number): number => Math.round(n);
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function rawReplies(): Promise<Buffer[]> {
  const sandbox = await startSandbox({ clock: 'manual', seed: false });
  try {
    const client = createGatewayClient({ baseUrl: sandbox.baseUrl });
    const token = await client.getToken(sandbox.demo.email, sandbox.demo.password);
    await client.close();
    const days = (REPLIES * PER_REPLY * 180) / 1_000_000;
    const seeded = sandbox.seedHistory({ count: REPLIES * PER_REPLY, days });
    const step = Math.floor((days * DAY) / REPLIES / 1000) * 1000;
    const at = (ms: number): string => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
    const from = seeded.from.getTime();
    const replies: Buffer[] = [];
    for (let i = 0; i < REPLIES; i++) {
      const body = new URLSearchParams({ token, begindate: at(from + i * step), enddate: at(from + (i + 1) * step - 1000) });
      const reply = await fetch(new URL('getallsms', sandbox.baseUrl), { method: 'POST', body });
      replies.push(Buffer.from(await reply.arrayBuffer()));
    }
    return replies;
  } finally {
    await sandbox.close();
  }
}

export async function run(): Promise<Record<string, unknown>> {
  const replies = await rawReplies();
  const logged: string[] = [];
  const parse = (raw: Buffer): Message[] =>
    messagesFromReply(decodeReply('getallsms', 200, 'text/html', raw.toString('utf8'), ['token']), {}, (line) => logged.push(line));
  const per100k = (ms: number, count: number): number => (ms * 100_000) / count;
  const parseMs: number[] = [];
  const cloneMs: number[] = [];
  let messages = 0;
  for (let r = 0; r < ROUNDS; r++) {
    let count = 0;
    let spent = 0;
    let cloning = 0;
    for (const raw of replies) {
      const started = threadCpuMs();
      const list = parse(raw);
      const parsed = threadCpuMs();
      structuredClone(list);
      cloning += threadCpuMs() - parsed;
      spent += parsed - started;
      count += list.length;
    }
    messages = count;
    parseMs.push(per100k(spent, count));
    cloneMs.push(per100k(cloning, count));
  }
  return {
    replies: replies.length,
    messages,
    replyMb: Math.round(replies.reduce((sum, raw) => sum + raw.length, 0) / 1024 / 102.4) / 10,
    parseCpuMsPer100k: round(median(parseMs)),
    parseBestCpuMsPer100k: round(Math.min(...parseMs)),
    cloneCpuMsPer100k: round(median(cloneMs)),
    loggedLines: logged.length,
    rounds: ROUNDS,
  };
}
