import electronLog from 'electron-log/node';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { redactValue } from './redact';

// One logger for main, the CLI and the sandbox: electron-log's Node entry (no `electron` import, so it runs under
// vitest and in plain Node), levels, scopes, a rotating file in the app's logs folder (main.log → main.old.log
// at 2 MB), and every message redacted before any transport sees it. The process configures it once at start
// (configureLog); until then it only prints errors to the console.

export type LogLevel = 'error' | 'warn' | 'info' | 'verbose' | 'debug';

export interface ScopedLog {
  error(...data: unknown[]): void;
  warn(...data: unknown[]): void;
  info(...data: unknown[]): void;
  debug(...data: unknown[]): void;
  /** The services' `log(line)`: a leading "[scope]" becomes the scope, failures are warnings. */
  line(text: string): void;
}

export interface LogOptions {
  /** The folder for the file ('' = no file); the app passes app.getPath('logs'). */
  logsDir: string;
  /** main.log for the app, cli.log for `relay`, sandbox.log for the standalone sandbox. */
  fileName: string;
  /** The lowest level written to the file. */
  level?: LogLevel;
  /** The lowest level printed on the console; false = none (the CLI keeps stdout/stderr for its output). */
  console?: LogLevel | false;
}

export const LOG_MAX_BYTES = 2 * 1024 * 1024;

const log = electronLog.create({ logId: 'relay-desk' });
log.transports.file.level = false;
log.transports.console.level = 'error';
log.hooks.push((message) => {
  message.data = message.data.map((item) => redactValue(item));
  return message;
});

let filePath: string | null = null;

export function configureLog(options: LogOptions): void {
  filePath = options.logsDir ? join(options.logsDir, options.fileName) : null;
  const file = log.transports.file;
  if (filePath) {
    const path = filePath;
    file.resolvePathFn = () => path;
    file.maxSize = LOG_MAX_BYTES;
    file.level = options.level ?? 'info';
  } else {
    file.level = false;
  }
  log.transports.console.level = options.console ?? false;
}

/** Where the file is (null before configureLog or without a folder). */
export function logFilePath(): string | null {
  return filePath;
}

const FAILURE = /\b(fail(ed|s|ure)?|error|cannot|could not|unavailable|refused|timed? ?out|crash(ed)?)\b/i;

/** Splits "[jobs] job 3 stopped" into its scope and text. */
export function splitScope(text: string): { scope: string | null; text: string } {
  const match = /^\[([\w:.-]{1,24})\]\s*/.exec(text);
  return match ? { scope: match[1] ?? null, text: text.slice(match[0].length) } : { scope: null, text };
}

function scoped(target: typeof log | ReturnType<typeof log.scope>): ScopedLog {
  return {
    error: (...data) => target.error(...data),
    warn: (...data) => target.warn(...data),
    info: (...data) => target.info(...data),
    debug: (...data) => target.debug(...data),
    line: (text) => {
      const { scope, text: rest } = splitScope(text);
      const into = scope ? log.scope(scope) : target;
      if (FAILURE.test(rest)) into.warn(rest);
      else into.info(rest);
    },
  };
}

/** The logger for one part of the program ("main", "cli", "updates", "renderer"…). */
export function logger(scope?: string): ScopedLog {
  return scoped(scope ? log.scope(scope) : log);
}

/** The last lines of the current log file (for diagnostics), at most `maxBytes` read from its end. */
export function lastLogLines(count: number, path: string | null = filePath, maxBytes = 64 * 1024): string[] {
  if (!path) return [];
  let fd: number | null = null;
  try {
    const size = statSync(path).size;
    const length = Math.min(size, maxBytes);
    const buffer = Buffer.alloc(length);
    fd = openSync(path, 'r');
    readSync(fd, buffer, 0, length, size - length);
    const lines = buffer
      .toString('utf8')
      .split(/\r?\n/)
      .filter((l) => l !== '');
    // A partial first line (we started mid-file) is dropped.
    if (length < size) lines.shift();
    return lines.slice(-count);
  } catch {
    return [];
  } finally {
    if (fd !== null) closeSync(fd);
  }
}
