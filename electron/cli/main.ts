#!/usr/bin/env node
import { enableCompileCache } from 'node:module';
import { RELAY_VERSION } from './version';

// `relay` in plain Node: built into out/main/relay.js (package.json `bin`), or run from a checkout with tsx.
// Scheduled tasks start it cold every time: Node's compile cache keeps later starts short, and `--version`
// answers before the services are even loaded.
enableCompileCache?.();
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
  process.stdout.write(`${RELAY_VERSION}\n`);
} else {
  const { runCliProcess } = await import('./process');
  process.exitCode = await runCliProcess(argv);
}
