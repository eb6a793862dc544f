import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { runPreflight, type PreflightOptions, type PreflightOutcome, type PreflightRow, type PreflightSource } from '../preflight';

// Reading an import's file: its bytes hashed on the way through (the import's identity is its content, so
// re-running the same command resumes it), and its classified rows as an async stream with backpressure.

const CHUNK_BYTES = 256 * 1024;

/** The file's chunks, each added to `hash` as it passes. */
export async function* hashedChunks(path: string, hash: Hash): AsyncGenerator<Uint8Array> {
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK_BYTES }) as AsyncIterable<Uint8Array>) {
    hash.update(chunk);
    yield chunk;
  }
}

export function sha256(): Hash {
  return createHash('sha256');
}

/** sha256 (hex) and size of a file, streamed. */
export async function fileDigest(path: string): Promise<{ hash: string; size: number }> {
  const hash = sha256();
  let size = 0;
  for await (const chunk of hashedChunks(path, hash)) size += chunk.length;
  return { hash: hash.digest('hex'), size };
}

const QUEUE_ROWS = 1_000;

/**
 * The preflight's rows as an async generator whose return value is the preflight's outcome. The reader waits
 * while the consumer is behind (at most QUEUE_ROWS rows are held), and stops if the consumer stops early.
 */
export async function* preflightRows(source: PreflightSource, options: PreflightOptions): AsyncGenerator<PreflightRow, PreflightOutcome> {
  let queue: PreflightRow[] = [];
  let wakeConsumer: (() => void) | null = null;
  let wakeProducer: (() => void) | null = null;
  let finished = false;
  let outcome: PreflightOutcome | undefined;
  let failure: unknown;
  const controller = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, controller.signal]) : controller.signal;

  const reading = runPreflight(
    source,
    { ...options, signal },
    {
      onRow(row) {
        queue.push(row);
        wakeConsumer?.();
        if (queue.length < QUEUE_ROWS) return;
        return new Promise<void>((resolve) => {
          wakeProducer = resolve;
        });
      },
    },
  )
    .then(
      (value) => {
        outcome = value;
      },
      (error: unknown) => {
        failure = error;
      },
    )
    .finally(() => {
      finished = true;
      wakeConsumer?.();
    });

  try {
    for (;;) {
      if (queue.length > 0) {
        const batch = queue;
        queue = [];
        const wake = wakeProducer as (() => void) | null;
        wakeProducer = null;
        wake?.();
        for (const row of batch) yield row;
        continue;
      }
      if (finished) break;
      await new Promise<void>((resolve) => {
        wakeConsumer = resolve;
      });
      wakeConsumer = null;
    }
  } finally {
    if (!finished) {
      controller.abort();
      const wake = wakeProducer as (() => void) | null;
      wake?.();
      await reading;
    }
  }
  if (failure !== undefined) throw failure;
  return outcome!;
}
