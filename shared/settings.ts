import { isSupportedCountry } from 'libphonenumber-js';
import { z } from 'zod';
import { serverUrlSchema } from './server-url';

// The user's settings: the schema is shared so main validates what it stores and the renderer
// gets typed forms. Stored by electron/main/settings (electron-store, versioned migrations).

export const SETTINGS_SCHEMA_VERSION = 3;
export const DEFAULT_SERVER_URL = 'https://smsgateway24.com/getdata/';

/** The longest IANA zone name is about 32 characters; anything far longer is not a zone. */
export const MAX_TIME_ZONE_LENGTH = 64;

/** True when this runtime's Intl knows the zone (what every date display in the app will use). */
export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const timeZoneSchema = z
  .string()
  .min(1)
  .max(MAX_TIME_ZONE_LENGTH, { abort: true })
  .refine(isKnownTimeZone, { message: 'This time zone is not known to this computer.' });

export const settingsSchema = z.object({
  schemaVersion: z.literal(SETTINGS_SCHEMA_VERSION),
  /** https, or http to this computer only (see ../shared/server-url). */
  serverUrl: serverUrlSchema,
  defaultDeviceId: z.number().int().positive().nullable(),
  defaultSim: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]),
  /** Seconds between device polls. */
  devicePollSeconds: z.number().int().min(5).max(3600),
  /** null: follow the operating system. */
  language: z.enum(['en', 'pt-BR']).nullable(),
  /** ISO 3166 alpha-2 with a telephone numbering plan (not "XX"), used to read numbers typed without a country code. */
  defaultCountry: z
    .string()
    .max(2, { abort: true })
    .regex(/^[A-Z]{2}$/, { abort: true })
    .refine((code): boolean => isSupportedCountry(code), { message: 'This is not a country with phone numbers Relay Desk knows.' }),
  /** IANA zone for displayed times; null: the computer's zone. */
  timeZone: timeZoneSchema.nullable(),
  notifications: z.object({
    deviceOffline: z.boolean(),
    deviceOnline: z.boolean(),
  }),
  /**
   * How many days of message history this computer keeps (version 3): after sign-in the last days sync first,
   * then a background job goes back this far, once; the mirror never shrinks when it is lowered.
   */
  historyDays: z.number().int().min(1).max(3650),
  /** The desktop shell (version 2). */
  desktop: z.object({
    /** Start hidden in the tray when the user signs in to the computer. */
    startAtLogin: z.boolean(),
    /** The first-run question about startAtLogin was asked (asked once). */
    askedStartAtLogin: z.boolean(),
    /** Check for updates at start and every few hours, download in the background. */
    autoUpdate: z.boolean(),
    /** system: follow the OS's light / dark setting. */
    theme: z.enum(['system', 'light', 'dark']),
  }),
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  schemaVersion: SETTINGS_SCHEMA_VERSION,
  serverUrl: DEFAULT_SERVER_URL,
  defaultDeviceId: null,
  defaultSim: 0,
  devicePollSeconds: 30,
  language: null,
  defaultCountry: 'BR',
  timeZone: null,
  notifications: { deviceOffline: true, deviceOnline: true },
  historyDays: 30,
  desktop: { startAtLogin: false, askedStartAtLogin: false, autoUpdate: true, theme: 'system' },
};

/** What the renderer may change: everything but the version. */
export const settingsPatchSchema = settingsSchema
  .omit({ schemaVersion: true })
  .extend({ notifications: settingsSchema.shape.notifications.partial(), desktop: settingsSchema.shape.desktop.partial() })
  .partial()
  .strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

/** The fields of `value` that are set (a patch's undefined means "leave as it is"). */
function definedOnly<T extends object>(value: T | undefined): { [K in keyof T]?: Exclude<T[K], undefined> } {
  if (!value) return {};
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}

/**
 * `current` with what `patch` sets: notifications and desktop key by key, an undefined field left as it was.
 * Settings' update validates the result; the screens' test doubles answer with it.
 */
export function mergeSettings(current: Settings, patch: SettingsPatch): Settings {
  return {
    ...current,
    ...definedOnly(patch),
    notifications: { ...current.notifications, ...definedOnly(patch.notifications) },
    desktop: { ...current.desktop, ...definedOnly(patch.desktop) },
  };
}
