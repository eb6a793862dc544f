import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { crc32 } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

// The start script's download step, against a local mirror: a scratch copy of the electron package (its real
// install.js and @electron/get, linked from node_modules) downloads a fake Electron zip from ELECTRON_MIRROR,
// checks it against the package's checksums and extracts it; a failing mirror gives one sentence.
const ROOT = resolve(import.meta.dirname, '../../..');
const SCRIPT = join(ROOT, 'scripts/ensure-electron.mjs');
const ELECTRON = dirname(join(ROOT, 'node_modules/electron/package.json'));
const VERSION = (JSON.parse(readFileSync(join(ELECTRON, 'package.json'), 'utf8')) as { version: string }).version;
const ZIP_NAME = `electron-v${VERSION}-linux-x64.zip`;

/** A minimal stored (uncompressed) zip: enough for Electron's extractor. */
function zip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text);
    const nameBytes = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(0x031e, 4); // made by Unix, so the mode below counts
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE((0o100755 << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const centralDir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(centralDir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralDir, end]);
}

const FAKE_ZIP = zip({ electron: '#!/bin/sh\necho fake electron\n', version: `v${VERSION}` });

let scratch: string;
let electronDir: string;
let server: Server;
let requests: string[];
let serveZip: boolean;

beforeEach(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'relay-ensure-electron-'));
  const modules = join(scratch, 'node_modules');
  electronDir = join(modules, 'electron');
  mkdirSync(electronDir, { recursive: true });
  for (const file of ['install.js', 'package.json']) copyFileSync(join(ELECTRON, file), join(electronDir, file));
  // The package's pinned checksums, for the fake zip: install.js verifies the download against them.
  writeFileSync(join(electronDir, 'checksums.json'), JSON.stringify({ [ZIP_NAME]: createHash('sha256').update(FAKE_ZIP).digest('hex') }));
  for (const scope of ['@electron', '@electron-internal']) symlinkSync(join(ROOT, 'node_modules', scope), join(modules, scope), 'dir');
  requests = [];
  serveZip = true;
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (serveZip && req.url === `/mirror/v${VERSION}/${ZIP_NAME}`) {
      res.writeHead(200, { 'content-type': 'application/zip', 'content-length': FAKE_ZIP.length });
      res.end(FAKE_ZIP);
    } else {
      res.writeHead(404).end('not here');
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
});

afterEach(async () => {
  await new Promise((done) => server.close(done));
  rmSync(scratch, { recursive: true, force: true });
});

function runScript(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { port } = server.address() as AddressInfo;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    HOME: scratch,
    ELECTRON_MIRROR: `http://127.0.0.1:${port}/mirror/`,
    electron_config_cache: join(scratch, 'cache'),
    ELECTRON_INSTALL_PLATFORM: 'linux',
    ELECTRON_INSTALL_ARCH: 'x64',
  };
  return new Promise((done) => {
    const child = spawn(process.execPath, [SCRIPT, '--electron-dir', electronDir], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

describe('npm start: the Electron binary', () => {
  it("is downloaded from ELECTRON_MIRROR through Electron's own installer when missing, then left alone", { timeout: 30_000 }, async () => {
    const first = await runScript();
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`Downloading Electron ${VERSION}`);
    expect(requests).toEqual([`/mirror/v${VERSION}/${ZIP_NAME}`]);
    expect(readFileSync(join(electronDir, 'path.txt'), 'utf8')).toBe('electron');
    expect(existsSync(join(electronDir, 'dist/electron'))).toBe(true);

    const second = await runScript();
    expect(second.code).toBe(0);
    expect(second.stdout).toBe('');
    expect(requests).toHaveLength(1);
  });

  it('says in one line what failed and what to do when the mirror cannot serve it', { timeout: 30_000 }, async () => {
    serveZip = false;
    const result = await runScript();
    expect(result.code).toBe(1);
    expect(requests[0]).toBe(`/mirror/v${VERSION}/${ZIP_NAME}`);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(
        `^Relay Desk cannot start: downloading Electron ${VERSION.replace(/\./g, '\\.')} from ELECTRON_MIRROR \\(http://127\\.0\\.0\\.1:\\d+/mirror/\\) failed \\(.*404.*\\)\\. Check the internet connection`,
      ),
    );
    expect(lines[0]).toContain('set ELECTRON_MIRROR');
    expect(existsSync(join(electronDir, 'path.txt'))).toBe(false);
  });
});
