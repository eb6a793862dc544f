import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSettingsService } from '../../../electron/main/settings/settings-service';
import { AppFailure } from '../../../shared/errors';
import { DEFAULT_SETTINGS, SETTINGS_SCHEMA_VERSION } from '../../../shared/settings';

let dir: string;
const fixedNow = () => new Date('2024-05-06T07:08:09.010Z');
const configPath = () => join(dir, 'config.json');
const readConfig = () => JSON.parse(readFileSync(configPath(), 'utf8')) as Record<string, unknown>;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'relay-settings-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('settings service', () => {
  it('starts with the defaults when there is no file, without a notice', () => {
    const service = createSettingsService({ dir });
    expect(service.get()).toEqual(DEFAULT_SETTINGS);
    expect(service.getView()).toEqual({ settings: DEFAULT_SETTINGS, corruptFileMovedTo: null, resetFields: [] });
  });

  it('saves an update so the next start sees it, merging notification switches', () => {
    const onChange = vi.fn();
    const service = createSettingsService({ dir, onChange });
    const updated = service.update({ devicePollSeconds: 60, language: 'pt-BR', notifications: { deviceOnline: false } });
    expect(updated).toMatchObject({
      devicePollSeconds: 60,
      language: 'pt-BR',
      notifications: { deviceOffline: true, deviceOnline: false },
    });
    expect(onChange).toHaveBeenCalledExactlyOnceWith(updated);

    const afterRestart = createSettingsService({ dir });
    expect(afterRestart.get()).toEqual(updated);
    expect(readConfig()).toMatchObject({ schemaVersion: SETTINGS_SCHEMA_VERSION, devicePollSeconds: 60 });
  });

  it('does not report a change when nothing changed', () => {
    const onChange = vi.fn();
    const service = createSettingsService({ dir, onChange });
    service.update({ devicePollSeconds: DEFAULT_SETTINGS.devicePollSeconds });
    expect(onChange).not.toHaveBeenCalled();
  });

  it('refuses an invalid patch, naming the field, and keeps what was saved', () => {
    const service = createSettingsService({ dir });
    service.update({ devicePollSeconds: 60 });
    const attempt = () => service.update({ devicePollSeconds: 1 });
    expect(attempt).toThrow(AppFailure);
    try {
      attempt();
    } catch (err) {
      expect(err).toMatchObject({ code: 'validation', field: 'devicePollSeconds' });
    }
    expect(service.get().devicePollSeconds).toBe(60);
    expect(readConfig()['devicePollSeconds']).toBe(60);
  });

  it('hands out copies: changing a returned object changes nothing stored', () => {
    const service = createSettingsService({ dir });
    (service.get() as { devicePollSeconds: number }).devicePollSeconds = 999;
    service.get().notifications.deviceOnline = false;
    expect(service.get()).toEqual(DEFAULT_SETTINGS);
  });

  it('migrates an unversioned file from an older version and rewrites it', () => {
    writeFileSync(configPath(), JSON.stringify({ server: 'http://127.0.0.1:8080/getdata/', pollInterval: 120_000, lang: 'en' }));
    const service = createSettingsService({ dir });
    expect(service.get()).toMatchObject({ serverUrl: 'http://127.0.0.1:8080/getdata/', devicePollSeconds: 120, language: 'en' });
    expect(readConfig()).toMatchObject({ schemaVersion: SETTINGS_SCHEMA_VERSION, serverUrl: 'http://127.0.0.1:8080/getdata/' });
    expect(readConfig()).not.toHaveProperty('server');
    expect(service.getView().corruptFileMovedTo).toBeNull();
  });

  const badFiles: [string, string][] = [
    ['unparseable JSON', '{"schemaVersion": 1, "serverUrl": '],
    ['an empty file', ''],
    ['a value the schema refuses', JSON.stringify({ ...DEFAULT_SETTINGS, devicePollSeconds: 1 })],
    ['a file from a newer version', JSON.stringify({ ...DEFAULT_SETTINGS, schemaVersion: SETTINGS_SCHEMA_VERSION + 1 })],
    ['a JSON array', '[1,2,3]'],
  ];
  it.each(badFiles)('moves %s aside, starts with defaults and tells the user once', (_label, content) => {
    writeFileSync(configPath(), content);
    const service = createSettingsService({ dir, now: fixedNow });

    expect(service.get()).toEqual(DEFAULT_SETTINGS);
    const movedTo = join(dir, 'config.corrupt-2024-05-06T07-08-09-010Z.json');
    expect(readFileSync(movedTo, 'utf8')).toBe(content);
    expect(service.getView().corruptFileMovedTo).toBe(movedTo);
    expect(service.getView().corruptFileMovedTo).toBeNull();

    // The file in place is valid again, so the next start is quiet.
    expect(readConfig()).toEqual(DEFAULT_SETTINGS);
    expect(createSettingsService({ dir, now: fixedNow }).getView().corruptFileMovedTo).toBeNull();
  });

  it('keeps both bad files when it happens twice in the same millisecond', () => {
    writeFileSync(configPath(), 'not json');
    createSettingsService({ dir, now: fixedNow });
    writeFileSync(configPath(), 'still not json');
    createSettingsService({ dir, now: fixedNow });
    expect(
      readdirSync(dir)
        .filter((f) => f.includes('corrupt'))
        .sort(),
    ).toEqual(['config.corrupt-2024-05-06T07-08-09-010Z-2.json', 'config.corrupt-2024-05-06T07-08-09-010Z.json']);
  });

  it('uses the file name it is given', () => {
    const service = createSettingsService({ dir, fileName: 'settings' });
    service.update({ defaultCountry: 'PT' });
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toMatchObject({ defaultCountry: 'PT' });
  });

  it('writes through the store it is given (electron-store in the app)', () => {
    let stored: Record<string, unknown> = { ...DEFAULT_SETTINGS, defaultSim: 1 };
    writeFileSync(configPath(), JSON.stringify(stored)); // the service checks the file exists
    const service = createSettingsService({
      dir,
      openFile: ({ cwd, name }) => ({
        path: join(cwd, `${name}.json`),
        get store() {
          return stored;
        },
        set store(value) {
          stored = value;
        },
      }),
    });
    expect(service.get().defaultSim).toBe(1);
    service.update({ defaultSim: 2 });
    expect(stored['defaultSim']).toBe(2);
  });

  it('a zone this computer does not know falls back to the default; the other values stay; told once', () => {
    const stored = { ...DEFAULT_SETTINGS, timeZone: 'Not/AZone', devicePollSeconds: 90, language: 'pt-BR' };
    writeFileSync(configPath(), JSON.stringify(stored));
    const service = createSettingsService({ dir, now: fixedNow });

    expect(service.get()).toEqual({ ...DEFAULT_SETTINGS, devicePollSeconds: 90, language: 'pt-BR', timeZone: null });
    expect(service.resetAtStart()).toEqual(['timeZone']);
    const view = service.getView();
    expect(view.corruptFileMovedTo).toBe(join(dir, 'config.corrupt-2024-05-06T07-08-09-010Z.json'));
    // The user's original is kept, nothing is lost.
    expect(JSON.parse(readFileSync(view.corruptFileMovedTo!, 'utf8'))).toEqual(stored);
    // The window can say which setting was reset, once.
    expect(view.resetFields).toEqual(['timeZone']);
    expect(service.getView().corruptFileMovedTo).toBeNull();
    expect(service.getView().resetFields).toEqual([]);
    // The repaired file is what the next start reads, quietly.
    const next = createSettingsService({ dir, now: fixedNow });
    expect(next.get()).toEqual(service.get());
    expect(next.resetAtStart()).toEqual([]);
    expect(next.getView().corruptFileMovedTo).toBeNull();
  });

  it('repairs each bad value on its own: a huge server address, a plain-http address, a broken switch', () => {
    writeFileSync(
      configPath(),
      JSON.stringify({
        ...DEFAULT_SETTINGS,
        serverUrl: `https://gw.example.com/${'a'.repeat(100_000)}`,
        defaultCountry: 'PT',
        notifications: { deviceOffline: 'yes', deviceOnline: false },
      }),
    );
    const service = createSettingsService({ dir, now: fixedNow });
    expect(service.get()).toEqual({
      ...DEFAULT_SETTINGS,
      defaultCountry: 'PT',
      notifications: { deviceOffline: true, deviceOnline: false },
    });
    expect(service.resetAtStart()).toEqual(['serverUrl', 'notifications.deviceOffline']);

    writeFileSync(configPath(), JSON.stringify({ ...DEFAULT_SETTINGS, serverUrl: 'http://gw.example.com/getdata/' }));
    expect(createSettingsService({ dir, now: fixedNow }).resetAtStart()).toEqual(['serverUrl']);
  });

  it('accepts a real zone and refuses an unknown one over IPC, naming the field', () => {
    const service = createSettingsService({ dir });
    expect(service.update({ timeZone: 'Europe/Paris' }).timeZone).toBe('Europe/Paris');
    expect(() => service.update({ timeZone: 'Not/AZone' })).toThrow(expect.objectContaining({ code: 'validation', field: 'timeZone' }));
    expect(service.get().timeZone).toBe('Europe/Paris');
  });

  it('refuses a 50 MB value at once, and keeps what was saved', () => {
    const service = createSettingsService({ dir });
    service.update({ devicePollSeconds: 60 });
    const huge = 'x'.repeat(50 * 1024 * 1024);
    for (const patch of [{ timeZone: huge }, { serverUrl: `https://${huge}` }, { defaultCountry: huge }]) {
      expect(() => service.update(patch)).toThrow(expect.objectContaining({ code: 'validation' }));
    }
    expect(service.get()).toEqual({ ...DEFAULT_SETTINGS, devicePollSeconds: 60 });
    expect(readFileSync(configPath(), 'utf8').length).toBeLessThan(2000);
  });

  it('accepts https and loopback http for the server, and says why plain http elsewhere is refused', () => {
    const service = createSettingsService({ dir });
    expect(service.update({ serverUrl: 'http://127.0.0.1:8080/getdata/' }).serverUrl).toBe('http://127.0.0.1:8080/getdata/');
    expect(service.update({ serverUrl: 'https://gw.example.com/getdata/' }).serverUrl).toBe('https://gw.example.com/getdata/');
    expect(() => service.update({ serverUrl: 'http://gw.example.com/getdata/' })).toThrow(/https:\/\/.*read by anyone on the network/);
  });
});
