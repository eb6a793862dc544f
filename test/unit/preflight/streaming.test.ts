import { readdirSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPreflight, type PreflightPreview } from '../../../electron/main/preflight';

/** A CSV of `count` rows produced lazily, in small chunks, with a read counter: nothing is ever whole in memory. */
function lazyCsv(count: number, chunkRows = 500) {
  const state = { rowsRead: 0 };
  async function* chunks(): AsyncGenerator<Uint8Array> {
    const encoder = new TextEncoder();
    yield encoder.encode('Nome;Celular\r\n');
    for (let start = 0; start < count; start += chunkRows) {
      let text = '';
      for (let i = start; i < Math.min(count, start + chunkRows); i++)
        text += `Cliente ${i};(11) 9${String(10_000_000 + i).slice(0, 4)}-${String(i % 10_000).padStart(4, '0')}\r\n`;
      state.rowsRead = Math.min(count, start + chunkRows);
      yield encoder.encode(text);
    }
  }
  return { state, chunks: chunks() };
}

describe('big files', () => {
  it('the preview (first 200 rows, file facts) arrives long before the end is read', async () => {
    const source = lazyCsv(200_000);
    let preview: PreflightPreview | null = null;
    let readWhenPreviewed = 0;
    const outcome = await runPreflight(
      { chunks: source.chunks },
      { country: 'BR' },
      {
        onPreview: (p) => {
          preview = p;
          readWhenPreviewed = source.state.rowsRead;
        },
      },
    );
    expect(outcome.ok && outcome.counts.rows).toBe(200_000);
    expect(preview!.rows).toHaveLength(200);
    expect(preview!.rows[0]).toMatchObject({ line: 2, name: 'Cliente 0', phone: '+5511910000000', status: 'ready' });
    expect(preview!.mapping).toMatchObject({ phone: 1, name: 0, phones: [1], names: [0] });
    expect(readWhenPreviewed).toBeLessThan(10_000);
  });

  it('rows stream to onRow with backpressure, and memory stays flat over 300,000 rows', async () => {
    const source = lazyCsv(300_000);
    let seen = 0;
    let lastLine = 0;
    let heapAtStart = 0;
    let heapPeak = 0;
    const outcome = await runPreflight(
      { chunks: source.chunks },
      { country: 'BR' },
      {
        async onRow(row) {
          seen++;
          expect(row.line).toBe(lastLine === 0 ? 2 : lastLine + 1);
          lastLine = row.line;
          if (seen === 1_000) heapAtStart = process.memoryUsage().heapUsed;
          if (seen % 20_000 === 0) {
            heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
            await new Promise((resolve) => setImmediate(resolve)); // a slow consumer
            // The reader never runs far ahead of the consumer.
            expect(source.state.rowsRead - seen).toBeLessThan(5_000);
          }
        },
      },
    );
    expect(outcome.ok && outcome.counts).toMatchObject({ rows: 300_000, duplicates: 300_000 - outcomeUnique(300_000) });
    expect(seen).toBe(300_000);
    // The file is ~9 MB of text and 300k row objects; only the dedupe map (numbers) may grow.
    expect((heapPeak - heapAtStart) / 1024 / 1024).toBeLessThan(60);
  }, 30_000); // a 300,000-row pass: seconds on a loaded machine

  it('an aborted preflight stops reading', async () => {
    const source = lazyCsv(1_000_000);
    const controller = new AbortController();
    let rows = 0;
    await expect(
      runPreflight(
        { chunks: source.chunks },
        { country: 'BR', signal: controller.signal },
        {
          onRow: () => {
            if (++rows === 5_000) controller.abort();
          },
        },
      ),
    ).rejects.toThrow();
    expect(source.state.rowsRead).toBeLessThan(20_000);
  });
});

describe('the file itself', () => {
  // Open descriptors, as Linux lists them: a preflight that returns must have closed its file.
  const openFiles = (): number => readdirSync('/proc/self/fd').length;

  it.runIf(process.platform === 'linux')(
    'is closed on every way out: a finished file, a refused one, a failed mapping, an abort',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'relay-preflight-fd-'));
      const rows = Array.from(
        { length: 30_000 },
        (_, i) => `Cliente ${i};(11) 9${String(1000 + (i % 9000))}-${String(i % 10_000).padStart(4, '0')}`,
      );
      const good = join(dir, 'good.csv');
      writeFileSync(good, `Nome;Celular\r\n${rows.join('\r\n')}\r\n`);
      const image = join(dir, 'photo.csv');
      writeFileSync(image, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(300_000, 7)]));
      const unmapped = join(dir, 'letters.csv');
      writeFileSync(unmapped, `${'Nome;Cidade\r\n'}${Array.from({ length: 30_000 }, (_, i) => `Cliente ${i};Belém`).join('\r\n')}`);

      const before = openFiles();
      for (let i = 0; i < 5; i++) {
        expect((await runPreflight({ path: good }, { country: 'BR' })).ok).toBe(true);
        expect(await runPreflight({ path: image }, { country: 'BR' })).toMatchObject({ ok: false, problem: { code: 'binary' } });
        expect((await runPreflight({ path: unmapped }, { country: 'BR' })).ok).toBe(false);
        const controller = new AbortController();
        let seen = 0;
        const aborted = runPreflight(
          { path: good },
          { country: 'BR', signal: controller.signal },
          {
            onRow: () => {
              if (++seen === 100) controller.abort();
            },
          },
        );
        await expect(aborted).rejects.toThrow();
      }
      expect(openFiles()).toBe(before);
    },
  );
});

/** Unique numbers in lazyCsv(n): the first 4 digits come from i, the last 4 from i mod 10,000. */
function outcomeUnique(count: number): number {
  const unique = new Set<string>();
  for (let i = 0; i < count; i++) unique.add(`${String(10_000_000 + i).slice(0, 4)}${String(i % 10_000).padStart(4, '0')}`);
  return unique.size;
}

describe('chunk boundaries', () => {
  // The same file cut anywhere (inside a CRLF, a character's bytes, a quoted cell with line breaks) must read
  // the same as when it comes whole: files arrive in the read size, a drop in IPC pieces, a stream in any.
  function contactsCsv(newline: string): string {
    const lines = ['Nome;Celular;Nota'];
    for (let i = 0; i < 4_000; i++) {
      const name = i % 7 === 0 ? `"Conceição; ${i}"` : i % 11 === 0 ? `"Linha${newline}Quebrada ${i}"` : `João € ${i} 😀`;
      const phone = i % 13 === 0 ? 'sem número' : `(11) 9${String(1000 + (i % 900))}-${String(i % 10_000).padStart(4, '0')}`;
      lines.push(`${name};${phone};${i % 5 === 0 ? '""' : `nota ${i}`}`);
    }
    return lines.join(newline) + newline;
  }
  const encoders: Record<string, (text: string) => Uint8Array> = {
    'utf-8': (text) => new TextEncoder().encode(text),
    'utf-16le': (text) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
    // Windows-1252 has no emoji: the euro sign (0x80) and the accents stay.
    'windows-1252': (text) => Buffer.from(text.replaceAll('😀', '').replaceAll('€', '\u0080'), 'latin1'),
  };
  const summary = async (source: Parameters<typeof runPreflight>[0]) => {
    const seen: unknown[] = [];
    const outcome = await runPreflight(
      source,
      { country: 'BR' },
      {
        onRow: (r) => void seen.push([r.line, r.status, r.name, r.phone, r.cells, r.duplicateOf, r.reason?.code]),
      },
    );
    return { outcome, seen };
  };

  it.each(Object.keys(encoders).flatMap((encoding) => ['\r\n', '\n', '\r'].map((newline) => [encoding, JSON.stringify(newline), newline])))(
    '%s with %s line breaks reads the same in pieces of 1 to 97 bytes',
    async (encoding, _shown, newline) => {
      const bytes = encoders[encoding]!(contactsCsv(newline));
      const whole = await summary({ bytes });
      let seed = 7;
      async function* pieces(): AsyncGenerator<Uint8Array> {
        for (let at = 0; at < bytes.length;) {
          seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
          const size = 1 + (seed % 97);
          yield bytes.slice(at, at + size);
          at += size;
        }
      }
      const cut = await summary({ chunks: pieces() });
      expect(whole.outcome.ok && whole.outcome.file.encoding).toBe(encoding);
      expect(whole.seen.length).toBe(4_000);
      expect(cut.outcome).toEqual(whole.outcome);
      expect(cut.seen).toEqual(whole.seen);
    },
  );
});
