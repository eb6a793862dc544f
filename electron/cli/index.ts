import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { resolve } from 'node:path';
import { AppFailure } from '../../shared/errors';
import { checkServerUrl } from '../../shared/server-url';
import { storageFault } from '../main/db';
import { GatewayError, toAppFailure } from '../main/gateway';
import { commands, findCommand } from './commands';
import { UsageError, type OptionValues } from './commands/types';
import { RELAY_VERSION } from './version';
import { createCliContext, type CliPlatform } from './context';
import { defaultDataDir } from './data-dir';
import type { Io } from './output';

// `relay`: the app's main-process services without a window, for office automation and for testing
// against any server. Exit codes: 0 done · 1 failed (one line on stderr: what, and what to do) ·
// 2 usage error (with the usage). Results on stdout, progress and messages on stderr.

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

const GLOBAL_OPTIONS = {
  server: { type: 'string' },
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} satisfies ParseArgsOptionsConfig;

const GLOBAL_HELP = `Global options:
  --server URL     the gateway (default: the server in the app's settings)
  --data-dir DIR   the app's data folder (default: the app's own, so what you import shows up in the app)
  --json           one JSON document on stdout; progress and messages go to stderr
  --help           this help
  --version        the version of Relay Desk
Credentials: RELAY_TOKEN, or RELAY_EMAIL + RELAY_PASSWORD; when unset, the session the app keeps in the
keychain for the same server (sign in once in the app).`;

export function usage(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}${c.run ? '' : ' (not available yet)'}`);
  return `Usage: relay <command> [options]\n\nCommands:\n${lines.join('\n')}\n\n${GLOBAL_HELP}\n`;
}

export async function runCli(
  argv: string[],
  io: Io,
  signal: AbortSignal = new AbortController().signal,
  platform: CliPlatform = {},
): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-v' || name === 'version') {
    io.stdout.write(`${RELAY_VERSION}\n`);
    return EXIT_OK;
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout).write(usage());
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  const command = findCommand(name);
  if (!command) {
    io.stderr.write(`relay: unknown command "${name}"\n\n${usage()}`);
    return EXIT_USAGE;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: rest, options: { ...GLOBAL_OPTIONS, ...command.options }, allowPositionals: true, strict: true });
    // --help answers whatever else is missing (`relay import --help` has no FILE yet).
    if (parsed.values['help']) {
      io.stdout.write(`Usage: ${command.usage}\n\n${command.summary}.\n\n${GLOBAL_HELP}\n`);
      return EXIT_OK;
    }
    const { min, max } = command.positionals ?? { min: 0, max: 0 };
    if (parsed.positionals.length < min) throw new UsageError('a required argument is missing');
    if (parsed.positionals.length > max) throw new UsageError(`unexpected argument "${parsed.positionals[max]}"`);
    // The same rule as the app: credentials only travel over https (plain http only to this computer).
    const server = parsed.values['server'];
    if (typeof server === 'string') {
      const check = checkServerUrl(server);
      if (!check.ok) throw new UsageError(`--server: ${check.reason}`);
    }
  } catch (error) {
    // parseArgs prefixes its own code ("TypeError [ERR_PARSE_ARGS_…]: "); our UsageErrors say it plainly.
    const message = error instanceof UsageError ? error.message : (error as Error).message.replace(/^.*?: /, '');
    io.stderr.write(`relay ${name}: ${message.split('\n')[0]}\nUsage: ${command.usage}\n`);
    return EXIT_USAGE;
  }
  const values = parsed.values;
  if (!command.run) {
    io.stderr.write(`relay ${name}: not available yet in this version of Relay Desk.\n`);
    return EXIT_FAILED;
  }
  const ctx = createCliContext(
    io,
    {
      server: typeof values['server'] === 'string' ? values['server'] : undefined,
      dataDir: resolve(typeof values['data-dir'] === 'string' ? values['data-dir'] : defaultDataDir()),
      json: values['json'] === true,
    },
    signal,
    platform,
  );
  try {
    return await command.run(ctx, values as OptionValues, parsed.positionals);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`relay ${name}: ${error.message}\nUsage: ${command.usage}\n`);
      return EXIT_USAGE;
    }
    // A full disk, a read-only folder, a damaged or locked database: the sentence that names it and what to do.
    const failure =
      error instanceof AppFailure || error instanceof GatewayError ? toAppFailure(error) : storageFault(error, ctx.options.dataDir);
    if (!failure) ctx.log(`[relay] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    io.stderr.write(
      `relay ${name}: ${failure ? failure.message : `unexpected error: ${error instanceof Error ? error.message : String(error)}`}\n`,
    );
    return EXIT_FAILED;
  } finally {
    await ctx.dispose();
  }
}
