import type { CountryCode } from 'libphonenumber-js';
import type { Capability, HandlersFor } from '../../../shared/ipc';
import type { AccountScopes } from '../account/scope';
import { createPhoneReader } from '../preflight';
import type { MonitorClock } from '../lib/clock';
import type { SessionService } from '../session';
import type { SettingsService } from '../settings';
import { addSuppressed, listSuppressed, removeSuppressed } from './store';
import { optOutsBeforeSending, syncOptOuts } from './sync';

// The opt-out capability: the list's screen, and the guard every sending capability calls before anything
// leaves (campaigns, newsletters, single sends, inbox replies): the replies up to this second, read.

export interface OptOutsDeps {
  session: Pick<SessionService, 'client'>;
  settings: Pick<SettingsService, 'get'>;
  scopes: AccountScopes;
  clock: MonitorClock;
  /** The list changed: pushed as optouts:changed. */
  changed: () => void;
  log: (line: string) => void;
}

/** What sending capabilities ask of the opt-out list before they send. */
export interface OptOutGuard {
  /** The replies up to this second; refused (a sentence) when they cannot be read. */
  beforeSending(): Promise<void>;
  /** A preview's read: at most every PREVIEW_OPT_OUT_MS, and a failure only logged (the send reads again). */
  forPreview(): Promise<void>;
  /** The periodic read (at most every OPT_OUT_SYNC_MS unless forced). */
  ifDue(force?: boolean): Promise<{ checked: number; added: number }>;
}

/** Incoming replies are read for opt-outs at most this often (preview, start, and the periodic sync). */
const OPT_OUT_SYNC_MS = 5 * 60_000;
/** Previews read the replies again at most this often; sends always do, right before they leave. */
const PREVIEW_OPT_OUT_MS = 10_000;

export function createOptOutsCapability(deps: OptOutsDeps): Capability<'optouts'> & { guard: OptOutGuard } {
  const db = () => deps.scopes.current().db;
  const client = () => deps.session.client();
  let lastSync = 0;

  async function ifDue(force = false) {
    if (!force && deps.clock.now() - lastSync < OPT_OUT_SYNC_MS) return { checked: 0, added: 0 };
    lastSync = deps.clock.now();
    const result = await syncOptOuts(db(), client(), deps.clock.now(), deps.settings.get().defaultCountry);
    if (result.added > 0) deps.changed();
    return result;
  }
  const guard: OptOutGuard = {
    async beforeSending() {
      const result = await optOutsBeforeSending(db(), client(), deps.clock.now(), deps.settings.get().defaultCountry);
      lastSync = deps.clock.now();
      if (result.added > 0) deps.changed();
    },
    forPreview: () =>
      deps.clock.now() - lastSync < PREVIEW_OPT_OUT_MS
        ? Promise.resolve()
        : ifDue(true).then(
            () => undefined,
            (error: unknown) => deps.log(`[optouts] opt-out sync failed: ${String(error)}`),
          ),
    ifDue,
  };

  const handlers: HandlersFor<'optouts'> = {
    'optouts:list': (query) => listSuppressed(db(), query),
    'optouts:add': ({ phones: list, country }) => {
      const read = createPhoneReader((country ?? deps.settings.get().defaultCountry) as CountryCode);
      const invalid: string[] = [];
      const entries = [];
      for (const raw of list) {
        const reading = read(raw);
        if (reading.ok) entries.push({ phone: reading.phone, source: 'manual' as const });
        else invalid.push(raw);
      }
      const added = addSuppressed(db(), entries, Date.now());
      deps.changed();
      return { added, invalid };
    },
    'optouts:remove': ({ phones: list }) => {
      const removed = removeSuppressed(db(), list, deps.clock.now());
      deps.changed();
      return { removed };
    },
    'optouts:sync': () => ifDue(true),
  };
  return { handlers, guard };
}
