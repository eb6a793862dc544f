// `npm start` / `npm run dev` run this first. Electron 45 no longer downloads its binary at install time (it does
// so on the first `require('electron')`), but electron-vite reads node_modules/electron/path.txt directly and
// stops with "Electron uninstall". So: when the binary is missing, run Electron's own install script (its
// @electron/get downloader, so ELECTRON_MIRROR, electron_config_cache and proxies work as documented), and when
// that fails say in ONE line what failed and what to do. `npm test` never runs this.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The Electron executable this package points at, or null when it is not there yet. */
export function installedBinary(electronDir, env = process.env) {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const binary = join(env.ELECTRON_OVERRIDE_DIST_PATH || join(electronDir, 'dist'), relative);
  return existsSync(binary) ? binary : null;
}

/** The first line of the installer's error output that says something (its stack starts with the message). */
export function firstReason(stderr) {
  const line = String(stderr)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l && !l.startsWith('at ') && !/^Downloading Electron/i.test(l));
  return (line ?? 'no reason given').replace(/^(Error|HTTPError|RequestError|TypeError): /, '');
}

/** The sentence for a failed download: what failed, and what to do. */
export function failureLine(version, reason, env = process.env) {
  const mirror = env.ELECTRON_MIRROR || env.npm_config_electron_mirror;
  const from = mirror ? `from ELECTRON_MIRROR (${mirror})` : 'from GitHub';
  return (
    `Relay Desk cannot start: downloading Electron ${version} ${from} failed (${reason}). ` +
    `Check the internet connection or proxy (HTTPS_PROXY), or set ELECTRON_MIRROR to a reachable mirror ` +
    `(e.g. https://npmmirror.com/mirrors/electron/), then run the command again.`
  );
}

/**
 * Makes sure the Electron binary exists, downloading it with Electron's install.js when missing.
 * Returns { ok: true, binary, downloaded } or { ok: false, line }.
 */
export function ensureElectron({ electronDir, env = process.env, out = (text) => process.stdout.write(text) }) {
  const existing = installedBinary(electronDir, env);
  if (existing) return { ok: true, binary: existing, downloaded: false };
  const { version } = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8'));
  out(`Downloading Electron ${version} (first start only)…\n`);
  const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    cwd: electronDir,
    env: { ...env, ELECTRON_GET_NO_PROGRESS: env.ELECTRON_GET_NO_PROGRESS ?? '1' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const binary = installedBinary(electronDir, env);
  if (result.status === 0 && binary) return { ok: true, binary, downloaded: true };
  const reason = result.error ? result.error.message : firstReason(result.stderr || result.stdout || '');
  return { ok: false, line: failureLine(version, reason, env) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  // --electron-dir lets the tests point it at a scratch copy of the package (never the shared node_modules).
  const flag = process.argv.indexOf('--electron-dir');
  let electronDir = flag > 0 ? process.argv[flag + 1] : null;
  if (!electronDir) {
    try {
      electronDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    } catch {
      process.stderr.write(
        'Relay Desk cannot start: the electron package is not installed. Run npm install first, then run the command again.\n',
      );
      process.exit(1);
    }
  }
  const result = ensureElectron({ electronDir });
  if (!result.ok) {
    process.stderr.write(`${result.line}\n`);
    process.exit(1);
  }
}
