import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { configureLog, defaultLogsDir, lastLogLines, LOG_MAX_BYTES, logger, redact, redactValue, splitScope } from '../../../electron/log';

describe('redact', () => {
  it.each([
    ['GET https://smsgateway24.com/getdata/getdevicestatus?token=abc123def&device_id=5', 'token=[redacted]&device_id=5'],
    ['POST gettoken email=me@x.com&pass=hunter2', 'pass=[redacted]'],
    ['body {"token":"abc","email":"me@x.com"}', '"token":"[redacted]"'],
    ["{ password: 'hunter2', email: 'me' }", "password: '[redacted]'"],
    ['Authorization: Bearer eyJhbGciOi.J9', 'Bearer [redacted]'],
    ['proxy https://bob:s3cret@proxy.local:8080/', 'https://bob:[redacted]@proxy.local'],
  ])('masks the secret in %s', (input, expected) => {
    const out = redact(input);
    expect(out).toContain(expected);
    expect(out).not.toMatch(/abc123def|hunter2|eyJhbGciOi|s3cret|"abc"/);
  });

  it('leaves ordinary words alone', () => {
    const line = 'job 12 sent 40 of 100 messages; tokens left: none; passport check ok';
    expect(redact(line)).toBe(line);
  });

  it('masks secret-named fields of objects and errors', () => {
    const error = new Error('sign-in failed for ?token=zzz');
    const out = redactValue({ email: 'me@x.com', token: 'zzz', nested: { password: 'p' }, error }) as Record<string, unknown>;
    expect(out['token']).toBe('[redacted]');
    expect((out['nested'] as Record<string, unknown>)['password']).toBe('[redacted]');
    expect((out['error'] as Error).message).toBe('sign-in failed for ?token=[redacted]');
    expect(out['email']).toBe('me@x.com');
  });
});

describe('the log file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'relay-log-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes levels and scopes to the logs folder, redacted, below the chosen level nothing', () => {
    configureLog({ logsDir: dir, fileName: 'main.log', level: 'info', console: false });
    logger('updates').info('feed https://updates.example/latest.yml?token=t0psecret');
    logger('main').debug('too chatty to keep');
    logger().line('[jobs] job 3 heartbeat failed: ECONNRESET');
    logger('cli').error(new Error('password="hunter2" refused'));
    logger('main').info('the last line');
    const text = readFileSync(join(dir, 'main.log'), 'utf8');
    expect(text).toMatch(/\[info\] +\(updates\) +feed https:\/\/updates\.example\/latest\.yml\?token=\[redacted\]/);
    expect(text).toMatch(/\[warn\] +\(jobs\) +job 3 heartbeat failed: ECONNRESET/);
    expect(text).toMatch(/\[error\] \(cli\) +.*password="\[redacted\]" refused/);
    expect(text).not.toContain('too chatty');
    expect(text).not.toMatch(/t0psecret|hunter2/);
    expect(lastLogLines(1, join(dir, 'main.log'))).toEqual([expect.stringMatching(/\(main\) +the last line$/)]);
  });

  it('rotates to main.old.log past its size', () => {
    const path = join(dir, 'rotating.log');
    writeFileSync(path, 'x'.repeat(LOG_MAX_BYTES + 10));
    configureLog({ logsDir: dir, fileName: 'rotating.log', console: false });
    logger('main').info('after rotation');
    expect(readFileSync(join(dir, 'rotating.old.log'), 'utf8').length).toBeGreaterThan(LOG_MAX_BYTES);
    expect(readFileSync(path, 'utf8')).toMatch(/after rotation\n$/);
  });

  it('reads only the whole last lines of a long file', () => {
    const path = join(dir, 'tail.log');
    writeFileSync(path, Array.from({ length: 5000 }, (_, i) => `line ${i}`).join('\n') + '\n');
    expect(lastLogLines(3, path, 1000)).toEqual(['line 4997', 'line 4998', 'line 4999']);
    expect(lastLogLines(3, join(dir, 'missing.log'))).toEqual([]);
  });
});

describe('scopes and folders', () => {
  it('splits a leading [scope] off a service line', () => {
    expect(splitScope('[devices] phone 5 went offline')).toEqual({ scope: 'devices', text: 'phone 5 went offline' });
    expect(splitScope('plain words')).toEqual({ scope: null, text: 'plain words' });
  });

  it("puts the CLI's log where Electron puts the app's on each platform", () => {
    expect(defaultLogsDir('darwin', {}, '/Users/ana')).toBe('/Users/ana/Library/Logs/Relay Desk');
    expect(defaultLogsDir('win32', { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, 'C:\\Users\\ana')).toContain(
      join('Relay Desk', 'logs'),
    );
    expect(defaultLogsDir('linux', {}, '/home/ana')).toBe('/home/ana/.config/Relay Desk/logs');
  });
});
