import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { KeychainBackend } from '../../../shared/domain';

// Where the gateway token lives between runs. In order of preference:
//   1. the OS keychain through keytar (an optional native module that may not load);
//   2. Electron safeStorage, ciphertext in a file in the app data dir (never in settings);
//   3. this run's memory only, when neither works, or when safeStorage would only obfuscate
//      (Linux `basic_text`) and the user has not agreed to that.
// A small non-secret record (email, server, backend) says where to look at the next start.

export const KEYCHAIN_SERVICE = 'Relay Desk';
const RECORD_FILE = 'session.json';
const TOKEN_FILE = 'session-token.bin';

/** The part of keytar we use. */
export interface Keytar {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  /** Every entry under a service (keytar has it); lets sign-out remove entries from earlier accounts too. */
  findCredentials?(service: string): Promise<{ account: string; password: string }[]>;
}
export type KeytarLoader = () => Promise<Keytar>;

/** The part of Electron's safeStorage we use (passed in: this module runs in plain Node). */
export interface SafeStorage {
  isEncryptionAvailable(): boolean;
  /** Linux only in Electron; `basic_text` means no real encryption. */
  getSelectedStorageBackend?(): string;
  encryptString(text: string): Buffer;
  decryptString(data: Buffer): string;
}

export interface TokenAccount {
  email: string;
  server: string;
  /** Sandbox tokens die with the in-process sandbox: never persisted, but the session is recorded. */
  sandbox?: boolean;
}

const sessionRecordSchema = z.object({
  email: z.string(),
  server: z.string(),
  sandbox: z.boolean(),
  backend: z.enum(['keytar', 'safeStorage', 'memory']),
});
/** Non-secret: who was signed in, where, and which backend holds the token. */
export type SessionRecord = z.infer<typeof sessionRecordSchema>;

export interface TokenSaveResult {
  backend: KeychainBackend;
  /** Only safeStorage `basic_text` is available: ask the user before storing without encryption. */
  consentNeeded: boolean;
}

export interface TokenStore {
  /** The session recorded at the last sign-in, or null (none, or unreadable). */
  loadRecord(): Promise<SessionRecord | null>;
  /** Like loadRecord, but tells a record that exists and cannot be read ('corrupt') from none at all. */
  inspectRecord(): Promise<SessionRecord | 'corrupt' | null>;
  /** Replaces any stored token with this one. Never throws: the worst case is memory only. */
  save(account: TokenAccount, token: string, options?: { storeUnencrypted?: boolean }): Promise<TokenSaveResult>;
  /** The stored token for a record; null when its backend no longer has it or fails. */
  read(record: SessionRecord): Promise<string | null>;
  /** Removes every token the app stored (every keychain entry under its service, the file) and the record. Never throws. */
  delete(): Promise<void>;
}

export interface TokenStoreOptions {
  dataDir: string;
  safeStorage: SafeStorage | null;
  /** Default: dynamic import of the optional `keytar` module. */
  keytarLoader?: KeytarLoader;
  /** A keychain that never answers counts as failed after this long. Default 10 s. */
  keychainTimeoutMs?: number;
  log?: (line: string) => void;
}

export const keychainAccount = (account: { email: string; server: string }) => `${account.email} at ${account.server}`;

export const loadKeytar: KeytarLoader = async () => {
  const mod = (await import('keytar')) as unknown as Keytar & { default?: Keytar };
  return mod.default ?? mod;
};

export function createTokenStore(options: TokenStoreOptions): TokenStore {
  const log = options.log ?? (() => {});
  const timeoutMs = options.keychainTimeoutMs ?? 10_000;
  const recordPath = join(options.dataDir, RECORD_FILE);
  const tokenPath = join(options.dataDir, TOKEN_FILE);
  const loader = options.keytarLoader ?? loadKeytar;

  let keytar: Promise<Keytar | null> | null = null;
  /** Set when a keychain call failed this run, so later saves go straight to the fallback. */
  let keychainFailed = false;

  function getKeytar(): Promise<Keytar | null> {
    keytar ??= loader().catch((err: unknown) => {
      log(`keychain: keytar unavailable (${errorText(err)})`);
      return null;
    });
    return keytar;
  }

  /** `late` runs if the call succeeds after we stopped waiting for it (see save: a late write is undone). */
  function keychainCall<T>(call: Promise<T>, late?: () => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        reject(new Error('the keychain did not answer'));
      }, timeoutMs);
      timer.unref?.();
      call.then(
        (value) => {
          clearTimeout(timer);
          if (timedOut) late?.();
          else resolve(value);
        },
        (err: unknown) => (clearTimeout(timer), reject(err instanceof Error ? err : new Error(String(err)))),
      );
    });
  }

  function readRecord(): SessionRecord | 'corrupt' | null {
    let text: string;
    try {
      text = readFileSync(recordPath, 'utf8');
    } catch {
      return null; // no record: nobody signed in
    }
    try {
      const parsed = sessionRecordSchema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : 'corrupt';
    } catch {
      return 'corrupt';
    }
  }

  /** Keychain accounts written this run, so sign-out finds them even if keytar cannot list entries. */
  const written = new Set<string>();

  function writeRecord(record: SessionRecord): void {
    mkdirSync(options.dataDir, { recursive: true });
    writeFileSync(recordPath, JSON.stringify(record, null, 2));
  }

  function safeStorageMode(): 'encrypted' | 'basic_text' | 'unavailable' {
    const ss = options.safeStorage;
    try {
      if (!ss || !ss.isEncryptionAvailable()) return 'unavailable';
      return ss.getSelectedStorageBackend?.() === 'basic_text' ? 'basic_text' : 'encrypted';
    } catch {
      return 'unavailable';
    }
  }

  async function removeAll(): Promise<void> {
    const record = readRecord();
    const recordSaysKeytar = typeof record === 'object' && record?.backend === 'keytar';
    // A corrupt record cannot say where the token was: look in the keychain too, unless it is known to fail.
    if (recordSaysKeytar || written.size > 0 || (record === 'corrupt' && !keychainFailed)) {
      const kt = await getKeytar();
      if (kt) {
        const accounts = new Set(written);
        if (recordSaysKeytar) accounts.add(keychainAccount(record));
        try {
          if (kt.findCredentials) {
            for (const entry of await keychainCall(kt.findCredentials(KEYCHAIN_SERVICE))) accounts.add(entry.account);
          }
        } catch (err) {
          log(`keychain: could not list the app's entries (${errorText(err)})`);
        }
        for (const account of accounts) {
          try {
            await keychainCall(kt.deletePassword(KEYCHAIN_SERVICE, account));
            written.delete(account);
          } catch (err) {
            log(`keychain: could not delete a token (${errorText(err)})`);
          }
        }
      }
    }
    for (const path of [tokenPath, recordPath]) {
      try {
        rmSync(path, { force: true });
      } catch (err) {
        log(`keychain: could not remove ${path} (${errorText(err)})`);
      }
    }
  }

  return {
    async loadRecord() {
      const record = readRecord();
      return record === 'corrupt' ? null : record;
    },

    async inspectRecord() {
      return readRecord();
    },

    async save(account, token, saveOptions) {
      await removeAll();
      const record = { email: account.email, server: account.server, sandbox: account.sandbox === true };

      if (record.sandbox) {
        writeRecord({ ...record, backend: 'memory' });
        return { backend: 'memory', consentNeeded: false };
      }

      if (!keychainFailed) {
        const kt = await getKeytar();
        if (kt) {
          const entry = keychainAccount(account);
          try {
            // A keychain that answers after we gave up has still stored the token: delete it then, since
            // the record will not point at it and nothing else would ever remove it.
            const undoLateWrite = () => {
              log('keychain: the token was stored after the timeout; deleting it');
              kt.deletePassword(KEYCHAIN_SERVICE, entry).catch((err: unknown) =>
                log(`keychain: could not delete the late token (${errorText(err)})`),
              );
            };
            await keychainCall(kt.setPassword(KEYCHAIN_SERVICE, entry, token), undoLateWrite);
            written.add(entry);
            writeRecord({ ...record, backend: 'keytar' });
            return { backend: 'keytar', consentNeeded: false };
          } catch (err) {
            keychainFailed = true;
            log(`keychain: could not store the token, trying safeStorage (${errorText(err)})`);
          }
        }
      }

      const mode = safeStorageMode();
      if (mode === 'encrypted' || (mode === 'basic_text' && saveOptions?.storeUnencrypted === true)) {
        try {
          const ciphertext = options.safeStorage!.encryptString(token);
          mkdirSync(options.dataDir, { recursive: true });
          writeFileSync(tokenPath, ciphertext, { mode: 0o600 });
          writeRecord({ ...record, backend: 'safeStorage' });
          return { backend: 'safeStorage', consentNeeded: false };
        } catch (err) {
          log(`keychain: safeStorage could not store the token (${errorText(err)})`);
        }
      }
      // Nothing persisted: the token lives in the session for this run only.
      return { backend: 'memory', consentNeeded: mode === 'basic_text' && saveOptions?.storeUnencrypted !== true };
    },

    async read(record) {
      if (record.backend === 'keytar') {
        const kt = await getKeytar();
        if (!kt) return null;
        try {
          return await keychainCall(kt.getPassword(KEYCHAIN_SERVICE, keychainAccount(record)));
        } catch (err) {
          log(`keychain: could not read the token (${errorText(err)})`);
          return null;
        }
      }
      if (record.backend === 'safeStorage') {
        if (safeStorageMode() === 'unavailable') return null;
        try {
          const token = options.safeStorage!.decryptString(readFileSync(tokenPath));
          return token === '' ? null : token;
        } catch (err) {
          log(`keychain: could not decrypt the stored token (${errorText(err)})`);
          return null;
        }
      }
      return null;
    },

    delete: removeAll,
  };
}

/** For logs: keychain and safeStorage errors carry system text, never the token. */
function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
