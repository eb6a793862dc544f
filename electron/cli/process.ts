import { join, resolve } from 'node:path';
import { configureLog, defaultLogsDir } from '../log';
import type { CliPlatform } from './context';
import { runCli } from './index';

// The process around runCli, shared by `relay` in plain Node (the built bin, or tsx in a checkout) and by the
// installed app's CLI mode: the log file, and SIGINT / SIGTERM aborting the command's signal (jobs stop
// gracefully: requests in flight finish and are journaled); a second signal exits at once. One Ctrl+C can
// arrive twice within milliseconds (the terminal signals the whole process group, and a wrapper such as tsx or
// npm relays it again): only a second signal a moment later means "quit now".
const REPEAT_AFTER_MS = 1_000;

export async function runCliProcess(argv: string[], platform: CliPlatform = {}): Promise<number> {
  // The CLI writes its log beside the app's (cli.log), never to the console: stdout carries results. Another
  // --data-dir is another profile: its log goes in its own logs folder.
  configureLog({ logsDir: logsDirFor(argv), fileName: 'cli.log', level: process.env['RELAY_DEBUG'] ? 'debug' : 'info', console: false });
  const controller = new AbortController();
  let firstSignalAt: number | null = null;
  const onSignal = (name: NodeJS.Signals) => {
    if (firstSignalAt !== null) {
      if (Date.now() - firstSignalAt >= REPEAT_AFTER_MS) process.exit(name === 'SIGINT' ? 130 : 143);
      return;
    }
    firstSignalAt = Date.now();
    process.stderr.write(`\nrelay: ${name} received, stopping after the requests in flight (again to quit at once)\n`);
    controller.abort(new Error(name));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await runCli(argv, { stdout: process.stdout, stderr: process.stderr, env: process.env }, controller.signal, platform);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

function logsDirFor(argv: string[]): string {
  const at = argv.indexOf('--data-dir');
  const dataDir = at >= 0 ? argv[at + 1] : argv.find((arg) => arg.startsWith('--data-dir='))?.slice('--data-dir='.length);
  return dataDir ? join(resolve(dataDir), 'logs') : defaultLogsDir();
}
