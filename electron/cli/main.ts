import { runCli } from './index';

// The process around runCli: SIGINT / SIGTERM abort the command's signal (jobs stop gracefully: requests
// in flight finish and are journaled); a second signal exits at once. One Ctrl+C can arrive twice within milliseconds (the terminal signals the whole process group, and tsx's or
// npm's wrapper relays it again): only a second signal a moment later means "quit now".
const REPEAT_AFTER_MS = 1_000;
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

const code = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env }, controller.signal);
process.exitCode = code;
