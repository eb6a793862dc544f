import type { Settings } from '../../../shared/settings';
import { redact } from '../../log/redact';

// "Copy diagnostics" in Settings: what support needs to help (versions, OS, the settings, the last lines of the
// log) and nothing it must not see: no token, no password (the settings hold none, and every line is redacted
// again on the way out), the server shown by its origin only.

export interface DiagnosticsInput {
  app: { name: string; version: string; packaged: boolean };
  versions: Partial<Record<'electron' | 'chrome' | 'node' | 'v8', string>>;
  os: { platform: string; release: string; arch: string; locale: string };
  settings: Settings;
  session: { signedIn: boolean; sandbox: boolean; backend: string | null } | null;
  logLines: string[];
  now: Date;
}

export function diagnosticsText(input: DiagnosticsInput): string {
  const { settings } = input;
  const server = (() => {
    try {
      return new URL(settings.serverUrl).origin;
    } catch {
      return '(invalid)';
    }
  })();
  const shownSettings = { ...settings, serverUrl: server };
  const lines = [
    `${input.app.name} ${input.app.version}${input.app.packaged ? '' : ' (development)'}`,
    `Generated: ${input.now.toISOString()}`,
    `Electron ${input.versions.electron ?? '-'} · Chromium ${input.versions.chrome ?? '-'} · Node ${input.versions.node ?? '-'}`,
    `OS: ${input.os.platform} ${input.os.release} (${input.os.arch}), locale ${input.os.locale}`,
    `Session: ${input.session ? `${input.session.signedIn ? 'signed in' : 'signed out'}${input.session.sandbox ? ' (sandbox)' : ''}, token kept in ${input.session.backend ?? '-'}` : '-'}`,
    '',
    'Settings:',
    JSON.stringify(shownSettings, null, 2),
    '',
    `Last ${input.logLines.length} log lines:`,
    ...input.logLines,
  ];
  return redact(lines.join('\n'));
}
