import { copyFileSync, existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { AppFailure } from '../../../shared/errors';
import type { SettingsView } from '../../../shared/ipc';
import {
  DEFAULT_SETTINGS,
  mergeSettings,
  SETTINGS_SCHEMA_VERSION,
  settingsPatchSchema,
  settingsSchema,
  type Settings,
  type SettingsPatch,
} from '../../../shared/settings';
import { issueText } from '../../../shared/server-url';
import { migrateSettings } from './migrations';
import { openConfSettingsFile, type OpenSettingsFile, type SettingsFile } from './settings-file';

// The user's settings: read once at start (migrated, validated), kept in memory, written on update.
// A file we cannot use never stops the app: it is moved aside, defaults are used, the user is told once.
// A file with only some bad values (a zone this computer does not know, a huge string) keeps its good
// values: each bad one falls back to its default, the original is copied aside, the user is told once.
// Nothing secret belongs here; the token lives in ../session/token-store.

export interface SettingsServiceOptions {
  /** Absolute folder holding the file (the app's userData in Electron). */
  dir: string;
  /** File name without `.json`; default "config". */
  fileName?: string;
  now?: () => Date;
  onChange?: (settings: Settings) => void;
  /** How the JSON file is opened; default conf (the app passes electron-store, see ./electron-store). */
  openFile?: OpenSettingsFile;
  log?: (line: string) => void;
}

export interface SettingsService {
  get(): Settings;
  /** The settings, plus where a bad file was moved aside at start (told once: cleared by this call). */
  getView(): SettingsView;
  /** Validates, merges (notifications key by key), saves; throws AppFailure 'validation' on bad input. */
  update(patch: SettingsPatch): Settings;
  /** The settings that fell back to their defaults at start because their stored value was not valid. */
  resetAtStart(): readonly string[];
}

type Problem = 'unreadable' | 'invalid' | 'newer';

const copy = (settings: Settings): Settings => structuredClone(settings);

export function createSettingsService(options: SettingsServiceOptions): SettingsService {
  const name = options.fileName ?? 'config';
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => {});
  const openFile = options.openFile ?? openConfSettingsFile;
  const path = join(options.dir, `${name}.json`);

  /** Where a bad file was moved this run; told to the renderer once. */
  let movedTo: string | null = null;
  let resetFields: string[] = [];
  let file: SettingsFile;
  let current: Settings;

  /** Renames (or copies) the bad file to `<name>.corrupt-<time>.json` next to it; returns the new path. */
  function moveAside(how: 'rename' | 'copy' = 'rename'): string | null {
    const stamp = now().toISOString().replace(/[:.]/g, '-');
    let target = join(options.dir, `${name}.corrupt-${stamp}.json`);
    for (let n = 2; existsSync(target); n++) target = join(options.dir, `${name}.corrupt-${stamp}-${n}.json`);
    try {
      if (how === 'rename') renameSync(path, target);
      else copyFileSync(path, target);
      return target;
    } catch (err) {
      log(`settings: could not ${how} the unusable settings file aside: ${(err as Error).message}`);
      return null;
    }
  }

  function recover(problem: Problem): void {
    movedTo = moveAside();
    log(`settings: ${problem} settings file${movedTo ? ` moved to ${movedTo}` : ''}; using defaults`);
    current = copy(DEFAULT_SETTINGS);
    // If the bad file could not be moved, leave it alone and keep this run's settings in memory.
    file = movedTo ? openFile({ cwd: options.dir, name }) : memoryFile(path);
    writeAtStart(current);
  }

  /** At start a write failure is logged, not thrown: the app must still open (updates report it). */
  function writeAtStart(settings: Settings): void {
    try {
      write(settings);
    } catch (err) {
      log(`settings: could not write ${path}: ${(err as Error).message}`);
    }
  }

  function write(settings: Settings): void {
    file.store = { ...settings };
  }

  function load(): void {
    // Parsed here rather than through the store library, which reads a non-object file as an empty
    // store; we want to see exactly what is on disk before deciding it is usable.
    const existed = existsSync(path);
    let raw: unknown;
    try {
      if (existed) raw = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
      file = openFile({ cwd: options.dir, name });
    } catch {
      return recover('unreadable');
    }
    if (!existed) {
      current = copy(DEFAULT_SETTINGS);
      return;
    }
    const migrated = migrateSettings(raw);
    if (!migrated.ok) return recover(migrated.reason === 'newer' ? 'newer' : 'invalid');
    const parsed = settingsSchema.safeParse(migrated.value);
    if (parsed.success) {
      current = parsed.data;
    } else {
      const repaired = repairSettings(migrated.value);
      if (!repaired) return recover('invalid');
      // Keep the user's original next to the file, then write the repaired settings.
      movedTo = moveAside('copy');
      resetFields = repaired.reset;
      current = repaired.settings;
      log(`settings: invalid value(s) for ${resetFields.join(', ')} replaced by defaults${movedTo ? `; original kept at ${movedTo}` : ''}`);
      writeAtStart(current);
      return;
    }
    if (migrated.fromVersion !== SETTINGS_SCHEMA_VERSION) {
      log(`settings: migrated from version ${migrated.fromVersion} to ${SETTINGS_SCHEMA_VERSION}`);
      writeAtStart(current);
    }
  }

  load();

  return {
    get: () => copy(current),

    getView() {
      // Told once: the fields reset at start travel with the notice and are cleared with it.
      const view: SettingsView = {
        settings: copy(current),
        corruptFileMovedTo: movedTo,
        resetFields: movedTo === null ? [] : resetFields.slice(),
      };
      movedTo = null;
      return view;
    },

    resetAtStart: () => resetFields.slice(),

    update(patch) {
      const parsedPatch = settingsPatchSchema.safeParse(patch);
      if (!parsedPatch.success) {
        const issue = parsedPatch.error.issues[0];
        const field = issue?.path.join('.') || undefined;
        throw new AppFailure(
          'validation',
          issue ? `This setting is not valid: ${issueText(issue)}` : 'This setting is not valid.',
          field,
          undefined,
          wordsKey(issue) ?? 'refusals.settingInvalid',
        );
      }
      const merged = settingsSchema.parse(mergeSettings(current, parsedPatch.data));
      if (isDeepStrictEqual(merged, current)) return copy(current);
      try {
        write(merged);
      } catch (err) {
        log(`settings: write failed: ${(err as Error).message}`);
        throw new AppFailure('internal', 'Your settings could not be saved.', undefined, undefined, 'refusals.settingsNotSaved');
      }
      current = merged;
      options.onChange?.(copy(current));
      return copy(current);
    },
  };
}

/**
 * Field by field: every stored value that is not valid becomes its default (notification switches one by
 * one). Null when the object cannot be repaired that way, which should not happen for a migrated object.
 */
export function repairSettings(raw: Record<string, unknown>): { settings: Settings; reset: string[] } | null {
  const reset: string[] = [];
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
    if (key === 'notifications' || key === 'desktop') continue;
    const parsed = settingsSchema.shape[key].safeParse(raw[key]);
    if (parsed.success) out[key] = parsed.data;
    else {
      out[key] = DEFAULT_SETTINGS[key];
      reset.push(key);
    }
  }
  // Groups key by key: one bad switch does not reset its neighbours.
  for (const group of ['notifications', 'desktop'] as const) {
    const stored = raw[group];
    const shape = settingsSchema.shape[group].shape as Record<string, { safeParse(value: unknown): { success: boolean } }>;
    const repaired: Record<string, unknown> = { ...DEFAULT_SETTINGS[group] };
    for (const key of Object.keys(repaired)) {
      const value = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>)[key] : undefined;
      if (shape[key]?.safeParse(value).success) repaired[key] = value;
      else reset.push(`${group}.${key}`);
    }
    out[group] = repaired;
  }
  const result = settingsSchema.safeParse(out);
  return result.success ? { settings: result.data, reset } : null;
}

function memoryFile(path: string): SettingsFile {
  return { path, store: {} };
}

/** A shared rule's catalogue key for its issue (the gateway address: `forms.server.*`), when it gave one. */
function wordsKey(issue: unknown): string | undefined {
  const words = (issue as { params?: Record<string, unknown> } | undefined)?.params?.['words'];
  return typeof words === 'string' ? words : undefined;
}
