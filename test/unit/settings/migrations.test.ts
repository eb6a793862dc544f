import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migrateSettings } from '../../../electron/main/settings/migrations';
import { DEFAULT_SETTINGS, SETTINGS_SCHEMA_VERSION, settingsSchema } from '../../../shared/settings';

describe('settings migrations', () => {
  it('has one step per version up to the current one', () => {
    expect(MIGRATIONS).toHaveLength(SETTINGS_SCHEMA_VERSION);
  });

  it('turns an unversioned (v0) file into valid current settings, keeping what the user chose', () => {
    const result = migrateSettings({
      server: 'https://gw.example.com/getdata/',
      pollInterval: 45_000,
      deviceId: '260',
      sim: 1,
      lang: 'pt',
      country: 'pt',
      notify: false,
    });
    expect(result).toMatchObject({ ok: true, fromVersion: 0 });
    if (!result.ok) return;
    expect(settingsSchema.parse(result.value)).toEqual({
      schemaVersion: SETTINGS_SCHEMA_VERSION,
      serverUrl: 'https://gw.example.com/getdata/',
      defaultDeviceId: 260,
      defaultSim: 1,
      devicePollSeconds: 45,
      language: 'pt-BR',
      defaultCountry: 'PT',
      timeZone: null,
      notifications: { deviceOffline: false, deviceOnline: false },
      historyDays: 30,
      desktop: DEFAULT_SETTINGS.desktop,
    });
  });

  it('adds how many days of message history this computer keeps (30) to a v2 file', () => {
    const v2 = { ...DEFAULT_SETTINGS, schemaVersion: 2, historyDays: undefined };
    const result = migrateSettings(v2);
    expect(result).toMatchObject({ ok: true, fromVersion: 2 });
    if (!result.ok) return;
    expect(settingsSchema.parse(result.value)).toEqual({ ...DEFAULT_SETTINGS, historyDays: 30 });
  });

  it('adds the desktop settings (start at login off and not yet asked, updates on, system theme) to a v1 file', () => {
    const v1 = { ...DEFAULT_SETTINGS, schemaVersion: 1, language: 'en', desktop: undefined };
    const result = migrateSettings(v1);
    expect(result).toMatchObject({ ok: true, fromVersion: 1 });
    if (!result.ok) return;
    expect(settingsSchema.parse(result.value)).toEqual({
      ...DEFAULT_SETTINGS,
      language: 'en',
      desktop: { startAtLogin: false, askedStartAtLogin: false, autoUpdate: true, theme: 'system' },
    });
  });

  it('fills what a v0 file lacks with defaults and keeps a poll interval in range', () => {
    const empty = migrateSettings({});
    expect(empty.ok && settingsSchema.parse(empty.value)).toEqual(DEFAULT_SETTINGS);

    const tooFast = migrateSettings({ pollInterval: 500, deviceId: -3, sim: 9, lang: 'fr' });
    expect(tooFast.ok && tooFast.value).toMatchObject({
      devicePollSeconds: 5,
      defaultDeviceId: null,
      defaultSim: 0,
      language: null,
    });
    const tooSlow = migrateSettings({ pollInterval: 86_400_000 });
    expect(tooSlow.ok && tooSlow.value).toMatchObject({ devicePollSeconds: 3600 });
  });

  it('does not touch a current file and does not change its input', () => {
    const input = { ...DEFAULT_SETTINGS, devicePollSeconds: 60 };
    const before = structuredClone(input);
    const result = migrateSettings(input);
    expect(result).toEqual({ ok: true, value: input, fromVersion: SETTINGS_SCHEMA_VERSION });
    expect(input).toEqual(before);
  });

  it('refuses a file from a newer version and things that are not settings objects', () => {
    expect(migrateSettings({ schemaVersion: SETTINGS_SCHEMA_VERSION + 1 })).toEqual({
      ok: false,
      reason: 'newer',
      fromVersion: SETTINGS_SCHEMA_VERSION + 1,
    });
    for (const bad of [null, 42, 'x', [], { schemaVersion: 'one' }, { schemaVersion: -1 }]) {
      expect(migrateSettings(bad)).toMatchObject({ ok: false, reason: 'malformed' });
    }
  });
});
