import { DEFAULT_SETTINGS, SETTINGS_SCHEMA_VERSION } from '../../../shared/settings';

// Settings files are upgraded one version at a time by pure functions: MIGRATIONS[n] turns a
// version-n object into a version-(n+1) object. The result is validated by the caller.

type Raw = Record<string, unknown>;

/**
 * Version 0: the unversioned file written before `schemaVersion` existed. No `schemaVersion` key; every
 * field optional:
 *
 * ```json
 * {
 *   "server": "https://smsgateway24.com/getdata/",  // became serverUrl
 *   "pollInterval": 30000,                          // milliseconds; became devicePollSeconds
 *   "deviceId": "260",                              // number or numeric string; became defaultDeviceId
 *   "sim": 1,                                       // became defaultSim
 *   "lang": "pt",                                   // "en" | "pt" | "pt-BR" | "auto"; became language
 *   "country": "br",                                // any case; became defaultCountry
 *   "notify": true                                  // one switch for both device notifications
 * }
 * ```
 */
export interface SettingsV0 {
  server?: unknown;
  pollInterval?: unknown;
  deviceId?: unknown;
  sim?: unknown;
  lang?: unknown;
  country?: unknown;
  notify?: unknown;
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

function positiveInt(value: unknown): number | null {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : null;
}

function v0ToV1(input: Raw): Raw {
  const v0 = input as SettingsV0;
  const pollMs = typeof v0.pollInterval === 'number' && Number.isFinite(v0.pollInterval) ? v0.pollInterval : null;
  const sim = typeof v0.sim === 'number' && [0, 1, 2, 3, 4, 5].includes(v0.sim) ? v0.sim : DEFAULT_SETTINGS.defaultSim;
  const language = v0.lang === 'en' ? 'en' : v0.lang === 'pt' || v0.lang === 'pt-BR' ? 'pt-BR' : null;
  const country =
    typeof v0.country === 'string' && /^[a-z]{2}$/i.test(v0.country) ? v0.country.toUpperCase() : DEFAULT_SETTINGS.defaultCountry;
  const notify = typeof v0.notify === 'boolean' ? v0.notify : true;
  return {
    schemaVersion: 1,
    serverUrl: typeof v0.server === 'string' && v0.server.trim() !== '' ? v0.server.trim() : DEFAULT_SETTINGS.serverUrl,
    defaultDeviceId: positiveInt(v0.deviceId),
    defaultSim: sim,
    devicePollSeconds: pollMs === null ? DEFAULT_SETTINGS.devicePollSeconds : clamp(Math.round(pollMs / 1000), 5, 3600),
    language,
    defaultCountry: country,
    timeZone: null,
    notifications: { deviceOffline: notify, deviceOnline: notify },
  };
}

/** Version 2 adds the desktop shell's settings (start at login, updates, theme) with their defaults. */
function v1ToV2(input: Raw): Raw {
  return { ...input, schemaVersion: 2, desktop: { ...DEFAULT_SETTINGS.desktop } };
}

/** Version 3 adds how many days of message history this computer keeps (the default, 30). */
function v2ToV3(input: Raw): Raw {
  return { ...input, schemaVersion: 3, historyDays: DEFAULT_SETTINGS.historyDays };
}

/** MIGRATIONS[n] upgrades version n to n + 1; its length is the current version. */
export const MIGRATIONS: readonly ((settings: Raw) => Raw)[] = [v0ToV1, v1ToV2, v2ToV3];

export type MigrationResult =
  | { ok: true; value: Raw; fromVersion: number }
  /** `newer`: written by a later app version we cannot read; `malformed`: not a settings object. */
  | { ok: false; reason: 'newer' | 'malformed'; fromVersion: number | null };

/** Reads the file's version (missing = 0) and runs every migration from there. Does not validate the result. */
export function migrateSettings(raw: unknown): MigrationResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, reason: 'malformed', fromVersion: null };
  const version = (raw as Raw)['schemaVersion'] ?? 0;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    return { ok: false, reason: 'malformed', fromVersion: null };
  }
  if (version > SETTINGS_SCHEMA_VERSION) return { ok: false, reason: 'newer', fromVersion: version };
  let value = { ...(raw as Raw) };
  for (let n = version; n < SETTINGS_SCHEMA_VERSION; n++) {
    const step = MIGRATIONS[n];
    if (!step) throw new Error(`No settings migration from version ${n}`);
    value = step(value);
  }
  return { ok: true, value, fromVersion: version };
}
