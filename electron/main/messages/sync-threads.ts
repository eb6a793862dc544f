import { MessageChannel } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import type { Db } from '../db';
import { startMirrorThread } from './thread';
import type { MirrorThread } from './thread';

// A big sync's two mirror threads (sync.ts): the writer, and the fetcher that reads and parses the replies
// and hands their rows to the writer over a channel of their own. They are kept a little while after a
// sync ends: the app's first sync of months is a job of weekly slices (job.ts), each a sync of its own,
// and starting both threads (loading the code, a gateway connection, the zone data) cost ~0.5–0.9 s of
// CPU a slice — at a million messages, half of the job's time (measured: 26 slices, 95 s vs ~30 s for one
// sync of the same months).

/** Kept this long after the last sync that used them (a job's next slice starts within milliseconds). */
const IDLE_MS = 5_000;
const WRITER_HEAP_MB = 64;
/**
 * The fetcher makes ~7 MB of garbage a reply: with the writer's 64 MB it spent a quarter of its time
 * collecting (profiled at 300k messages); twice that costs ~30 MB more at the peak (history bench).
 */
const FETCHER_HEAP_MB = 128;

export interface SyncThreads {
  writer: MirrorThread;
  /** Null when none could start (the writer then gets the rows from the window's thread). */
  fetcher(): MirrorThread | null;
  /** This sync is done with them: they stay for the next one a while, then stop. */
  release(): void;
}

interface Kept {
  writer: MirrorThread;
  fetcher: MirrorThread | null;
  /** The writer's end of the channel is in the writer; this end goes to the fetcher once there is one. */
  fetcherPort: MessagePort | null;
  users: number;
  timer: ReturnType<typeof setTimeout> | null;
}

const kept = new Map<string, Kept>();

/** The threads for this file's mirror, started or kept; null when the mirror is in memory (tests). */
export function syncThreads(db: Db): SyncThreads | null {
  let entry = kept.get(db.name);
  if (entry && !entry.writer.running) {
    void stop(db.name, entry);
    entry = undefined;
  }
  if (!entry) {
    const channel = new MessageChannel();
    const writer = startMirrorThread(db, { heapMb: WRITER_HEAP_MB, serve: channel.port1 });
    if (!writer) {
      channel.port2.close();
      return null;
    }
    entry = { writer, fetcher: null, fetcherPort: channel.port2, users: 0, timer: null };
    kept.set(db.name, entry);
  }
  const used = entry;
  if (used.timer) clearTimeout(used.timer);
  used.timer = null;
  used.users += 1;
  let released = false;
  return {
    writer: used.writer,
    fetcher() {
      if (used.fetcher && !used.fetcher.running) used.fetcher = null; // it died: its port went with it
      if (!used.fetcher && used.fetcherPort) {
        used.fetcher = startMirrorThread(db, { heapMb: FETCHER_HEAP_MB, writeTo: used.fetcherPort });
        used.fetcherPort = null;
      }
      return used.fetcher;
    },
    release() {
      if (released) return;
      released = true;
      used.users -= 1;
      if (used.users > 0) return;
      used.timer = setTimeout(() => void stop(db.name, used), IDLE_MS);
      used.timer.unref();
    },
  };
}

function stop(name: string, entry: Kept): Promise<unknown> {
  if (kept.get(name) === entry) kept.delete(name);
  if (entry.timer) clearTimeout(entry.timer);
  entry.fetcherPort?.close();
  return Promise.all([entry.fetcher?.close(), entry.writer.close()]);
}

/** Stops the kept threads of every mirror no sync is using (the account closes, the app quits). */
export async function stopSyncThreads(): Promise<void> {
  await Promise.all([...kept].filter(([, entry]) => entry.users === 0).map(([name, entry]) => stop(name, entry)));
}
