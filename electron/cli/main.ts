import { runCli } from './index';

// The process around runCli: SIGINT / SIGTERM abort the command's signal (jobs stop gracefully: requests
// in flight finish and are journaled); a second signal exits at once.
const controller = new AbortController();
let signals = 0;
const onSignal = (name: NodeJS.Signals) => {
  signals += 1;
  if (signals > 1) process.exit(name === 'SIGINT' ? 130 : 143);
  process.stderr.write(`\nrelay: ${name} received, stopping after the requests in flight (again to quit at once)\n`);
  controller.abort(new Error(name));
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

const code = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env }, controller.signal);
process.exitCode = code;
