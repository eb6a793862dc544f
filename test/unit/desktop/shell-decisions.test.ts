import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliArgv, launchedAtLogin } from '../../../electron/main/desktop/cli-mode';
import { crashDialog, isCrash } from '../../../electron/main/desktop/crash';
import { diagnosticsText } from '../../../electron/main/desktop/diagnostics';
import { autostartEntry, setLinuxAutostart, shouldAskStartAtLogin } from '../../../electron/main/desktop/login';
import { DEFAULT_SETTINGS } from '../../../shared/settings';

describe('CLI mode of the installed app', () => {
  it('runs the CLI when the first word is relay, packaged or not', () => {
    expect(cliArgv(['C:\\Program Files\\Relay Desk\\Relay Desk.exe', 'relay', 'import', 'clients.csv', '--tag', 'VIP'], true)).toEqual([
      'import',
      'clients.csv',
      '--tag',
      'VIP',
    ]);
    expect(cliArgv(['/usr/bin/electron', '.', 'relay', '--version'], false)).toEqual(['--version']);
    expect(cliArgv(['/opt/Relay Desk/relay-desk', '--no-sandbox', 'relay', 'devices'], true)).toEqual(['devices']);
  });

  it('opens the window otherwise (a double-click, a file, the login flag)', () => {
    expect(cliArgv(['Relay Desk.exe'], true)).toBeNull();
    expect(cliArgv(['Relay Desk.exe', '--hidden'], true)).toBeNull();
    expect(cliArgv(['/usr/bin/electron', '.'], false)).toBeNull();
    expect(cliArgv(['Relay Desk.exe', 'import'], true)).toBeNull();
  });

  it('starts hidden in the tray when launched at login', () => {
    expect(launchedAtLogin(['Relay Desk.exe', '--hidden'], false)).toBe(true);
    expect(launchedAtLogin(['Relay Desk'], true)).toBe(true);
    expect(launchedAtLogin(['Relay Desk.exe'], false)).toBe(false);
  });
});

describe('start at login', () => {
  const home = mkdtempSync(join(tmpdir(), 'relay-autostart-'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('is asked once, only by an installed app that the user opened', () => {
    expect(shouldAskStartAtLogin({ askedStartAtLogin: false }, true, false)).toBe(true);
    expect(shouldAskStartAtLogin({ askedStartAtLogin: true }, true, false)).toBe(false);
    expect(shouldAskStartAtLogin({ askedStartAtLogin: false }, false, false)).toBe(false);
    expect(shouldAskStartAtLogin({ askedStartAtLogin: false }, true, true)).toBe(false);
  });

  it('on Linux writes and removes an XDG autostart entry that starts hidden', () => {
    setLinuxAutostart(true, home, '/home/ana/Apps/Relay Desk.AppImage');
    const path = join(home, 'autostart', 'relay-desk.desktop');
    expect(readFileSync(path, 'utf8')).toContain('Exec="/home/ana/Apps/Relay Desk.AppImage" --hidden');
    setLinuxAutostart(false, home, '/x');
    expect(existsSync(path)).toBe(false);
    expect(autostartEntry('/opt/a"b$c')).toContain('Exec="/opt/a\\"b\\$c" --hidden');
  });
});

describe('a crashed window', () => {
  it("offers Reload first, in the app's language; a clean exit while quitting is no crash", () => {
    expect(crashDialog('pt-BR').buttons).toEqual(['Recarregar', 'Fechar a janela']);
    expect(crashDialog('en').detail).toMatch(/still being watched/);
    expect(isCrash({ reason: 'crashed', exitCode: 139 }, false)).toBe(true);
    expect(isCrash({ reason: 'oom', exitCode: 0 }, false)).toBe(true);
    expect(isCrash({ reason: 'killed', exitCode: 0 }, true)).toBe(false);
    expect(isCrash({ reason: 'clean-exit', exitCode: 0 }, false)).toBe(false);
  });
});

describe('diagnostics', () => {
  it('carry versions, OS, settings and log lines, and no secret', () => {
    const text = diagnosticsText({
      app: { name: 'Relay Desk', version: '1.2.3', packaged: true },
      versions: { electron: '45.5.0', chrome: '140.0.1', node: '24.1.0' },
      os: { platform: 'win32', release: '10.0.22631', arch: 'x64', locale: 'pt-BR' },
      settings: { ...DEFAULT_SETTINGS, serverUrl: 'https://gw.example.com/getdata/?token=abc123' },
      session: null,
      logLines: [
        '[info] (cli) gateway POST https://gw.example.com/getdata/getdevicestatus?token=s3cr3t -> 200',
        '[warn] password=hunter2 refused',
      ],
      now: new Date('2026-12-06T12:00:00Z'),
    });
    expect(text).toMatch(/^Relay Desk 1\.2\.3\n/);
    expect(text).toContain('Electron 45.5.0 · Chromium 140.0.1 · Node 24.1.0');
    expect(text).toContain('OS: win32 10.0.22631 (x64), locale pt-BR');
    expect(text).toContain('"serverUrl": "https://gw.example.com"');
    expect(text).toContain('"theme": "system"');
    expect(text).toContain('Last 2 log lines:');
    expect(text).not.toMatch(/abc123|s3cr3t|hunter2/);
  });
});
