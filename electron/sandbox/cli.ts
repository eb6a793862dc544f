import { parseArgs } from 'node:util';
import { configureLog, logger } from '../log';
import { startSandbox } from './index';

// `npm run sandbox -- [--port 8080] [--email you@example.com --password secret] [--persist state.json] [--latency 50]`
// Serves the sandbox gateway on 127.0.0.1 with the real clock until Ctrl+C.

const usage = 'Usage: npm run sandbox -- [--port <port>] [--email <email> --password <password>] [--persist <file>] [--latency <ms>]';

async function main(): Promise<void> {
  // Standalone, the sandbox's log (requests it could not serve) goes to this terminal.
  configureLog({ logsDir: '', fileName: 'sandbox.log', console: 'info' });
  let values: { port?: string; email?: string; password?: string; persist?: string; latency?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        email: { type: 'string' },
        password: { type: 'string' },
        persist: { type: 'string' },
        latency: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    console.error(usage);
    process.exit(2);
  }
  if (values.help) {
    console.log(usage);
    return;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    console.error(`--port must be a number between 0 and 65535\n${usage}`);
    process.exit(2);
  }
  const latencyMs = values.latency === undefined ? 0 : Number(values.latency);
  if (!Number.isInteger(latencyMs) || latencyMs < 0) {
    console.error(`--latency must be a whole number of milliseconds\n${usage}`);
    process.exit(2);
  }
  if ((values.email === undefined) !== (values.password === undefined)) {
    console.error(`--email and --password go together\n${usage}`);
    process.exit(2);
  }

  const sandbox = await startSandbox({
    port,
    clock: 'real',
    accounts:
      values.email !== undefined && values.password !== undefined ? [{ email: values.email, password: values.password }] : undefined,
    persistPath: values.persist,
    latencyMs,
    log: (message) => logger('sandbox').error(message),
  });
  console.log(`Sandbox gateway: ${sandbox.baseUrl}`);
  console.log(`Account: ${sandbox.demo.email} / ${sandbox.demo.password}`);
  if (values.persist) console.log(`State file: ${values.persist}`);
  console.log(`Controls: ${new URL('/__sandbox/status', sandbox.baseUrl).href} (see electron/sandbox/README.md)`);
  console.log('Press Ctrl+C to stop.');

  const stop = (): void => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
