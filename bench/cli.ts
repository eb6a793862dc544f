import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

// `npm run bench -- cli`: how long the built `relay` (out/cli/relay.js, what package.json `bin` and the
// installed app run) takes to answer `relay --help` and `relay --version` in a fresh Node process: what a
// scheduled task pays before any work. Median of several runs after one warm-up (which fills Node's compile cache).
const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'out/cli/relay.js');
const RUNS = 7;

function timeRun(args: string[]): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`relay ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return ms;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function run(): Promise<Record<string, unknown>> {
  if (!existsSync(BIN) || process.env['BENCH_BUILD'] !== '0')
    execFileSync('npx', ['vite', 'build', '--config', 'electron/cli/vite.config.ts'], { cwd: ROOT, stdio: 'ignore' });
  timeRun(['--help']);
  const help = Array.from({ length: RUNS }, () => timeRun(['--help']));
  const version = Array.from({ length: RUNS }, () => timeRun(['--version']));
  const node = Array.from({ length: RUNS }, () => {
    const started = performance.now();
    spawnSync(process.execPath, ['-e', '0']);
    return performance.now() - started;
  });
  return {
    cliStartMs: Math.round(median(help)),
    cliVersionMs: Math.round(median(version)),
    nodeBareStartMs: Math.round(median(node)),
    runs: RUNS,
    targetMs: 600,
  };
}
