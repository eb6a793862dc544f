// What the CLI writes: results on stdout (one JSON document with --json), everything else on stderr,
// so `relay devices --json | jq` always gets clean JSON.

export interface Io {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  env: NodeJS.ProcessEnv;
}

/** A plain text table: columns as wide as their widest cell. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n';
}

export interface ProgressState {
  done: number;
  total: number;
  /** Items per second, when known. */
  rate?: number | null;
  etaSeconds?: number | null;
  label?: string;
}

export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

/** One line: `label [#######-------]  45%  450/1,000  120/s  ETA 0:05`. */
export function progressLine(state: ProgressState, width = 24): string {
  const ratio = state.total > 0 ? Math.min(1, state.done / state.total) : 0;
  const filled = Math.round(ratio * width);
  const parts = [
    `${state.label ? `${state.label} ` : ''}[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`,
    `${String(Math.floor(ratio * 100)).padStart(3)}%`,
    `${state.done.toLocaleString('en')}/${state.total.toLocaleString('en')}`,
  ];
  if (state.rate != null && state.rate > 0) parts.push(`${state.rate >= 10 ? Math.round(state.rate) : state.rate.toFixed(1)}/s`);
  if (state.etaSeconds != null && state.done < state.total) parts.push(`ETA ${formatDuration(state.etaSeconds)}`);
  return parts.join('  ');
}

/**
 * A progress bar on stderr, redrawn in place when stderr is a terminal; otherwise (a log file, CI)
 * nothing until `finish`, which writes one final line: logs stay readable.
 */
export function createProgressBar(io: Io) {
  const tty = Boolean(io.stderr.isTTY);
  let last = '';
  return {
    update(state: ProgressState) {
      if (!tty) return;
      const line = progressLine(state);
      if (line === last) return;
      last = line;
      io.stderr.write(`\r${line.slice(0, (io.stderr.columns ?? 100) - 1)}\x1b[K`);
    },
    finish(state: ProgressState) {
      io.stderr.write(`${tty ? '\r' : ''}${progressLine(state)}${tty ? '\x1b[K' : ''}\n`);
    },
  };
}
