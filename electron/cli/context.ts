import { createHash } from 'node:crypto';
import { AppFailure } from '../../shared/errors';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/settings';
import { createGatewayClient, toAppFailure } from '../main/gateway';
import type { GatewayClient } from '../main/gateway/types';
import { createSettingsService } from '../main/settings';
import { createTokenStore, type KeytarLoader, type SafeStorage } from '../main/session';
import { logger } from '../log';
import type { Io } from './output';

// What every command runs on: the same settings file, gateway client and (per account) database as the
// app. Credentials: RELAY_TOKEN, or RELAY_EMAIL + RELAY_PASSWORD (exchanged for a token with gettoken, never
// written anywhere); when neither is set, the session the app stored in the OS keychain for the same server,
// so a scheduled task needs no password in its environment.

/** What the process running the CLI can offer: Electron's safeStorage when the installed app runs it. */
export interface CliPlatform {
  safeStorage?: SafeStorage | null;
  /** Default: the optional keytar module (tests pass a double). */
  keytarLoader?: KeytarLoader;
}

export interface GlobalOptions {
  server?: string | undefined;
  dataDir: string;
  json: boolean;
}

export interface Account {
  server: string;
  email: string;
  sandbox: boolean;
}

export interface CliContext {
  io: Io;
  options: GlobalOptions;
  settings(): Settings;
  /** The server: --server, else the one in the app's settings. */
  server(): string;
  /** A signed-in client (signs in on first use); throws AppFailure with what to do. */
  gateway(): Promise<GatewayClient>;
  /** Who the account is, for its database: the env's email, else the app's signed-in email on this server. */
  account(): Promise<Account>;
  /** Aborted on SIGINT / SIGTERM: commands stop gracefully. */
  signal: AbortSignal;
  log(line: string): void;
  dispose(): Promise<void>;
}

export function createCliContext(io: Io, options: GlobalOptions, signal: AbortSignal, platform: CliPlatform = {}): CliContext {
  const fileLog = logger('cli');
  const log = (line: string) => {
    fileLog.line(line);
    if (io.env['RELAY_DEBUG']) io.stderr.write(`${line}\n`);
  };
  const tokenStore = () =>
    createTokenStore({
      dataDir: options.dataDir,
      safeStorage: platform.safeStorage ?? null,
      log,
      ...(platform.keytarLoader ? { keytarLoader: platform.keytarLoader } : {}),
    });
  let settings: Settings | null = null;
  let client: GatewayClient | null = null;
  let signingIn: Promise<GatewayClient> | null = null;

  const readSettings = (): Settings => {
    if (settings) return settings;
    try {
      settings = createSettingsService({ dir: options.dataDir, log }).get();
    } catch (error) {
      log(`settings unreadable, using defaults: ${String(error)}`);
      settings = DEFAULT_SETTINGS;
    }
    return settings;
  };
  const server = () => options.server ?? readSettings().serverUrl;

  /** The token the app keeps for its signed-in account on this server (never a sandbox session). */
  async function storedToken(): Promise<string | null> {
    const store = tokenStore();
    const record = await store.loadRecord().catch(() => null);
    if (!record || record.sandbox || record.server !== server()) return null;
    const token = await store.read(record).catch(() => null);
    log(`[cli] ${token ? `using the app's session for ${record.email}` : "the app's session has no readable token"}`);
    return token;
  }

  async function signIn(): Promise<GatewayClient> {
    const env = io.env;
    let token = env['RELAY_TOKEN']?.trim() || null;
    if (!token) {
      const email = env['RELAY_EMAIL']?.trim();
      const password = env['RELAY_PASSWORD'];
      if (!email || !password) {
        token = await storedToken();
        if (!token) {
          throw new AppFailure(
            'not-signed-in',
            'No credentials: sign in once in the Relay Desk app on this computer (same server), or set RELAY_TOKEN, or RELAY_EMAIL and RELAY_PASSWORD, in the environment.',
            undefined,
            undefined,
            'refusals.noCredentialsCli',
          );
        }
        const signedInToken = token;
        client = createGatewayClient({ baseUrl: server(), token: () => signedInToken, log });
        return client;
      }
      const anonymous = createGatewayClient({ baseUrl: server(), log });
      try {
        token = await anonymous.getToken(email, password);
      } catch (error) {
        throw toAppFailure(error);
      } finally {
        await anonymous.close();
      }
    }
    const signedInToken = token;
    client = createGatewayClient({ baseUrl: server(), token: () => signedInToken, log });
    return client;
  }

  return {
    io,
    options,
    signal,
    log,
    settings: readSettings,
    server,
    gateway() {
      signingIn ??= signIn();
      return signingIn;
    },
    async account() {
      const env = io.env;
      const email = env['RELAY_EMAIL']?.trim();
      if (email) return { server: server(), email, sandbox: false };
      // A token alone: the account the app is signed in to on the same server, else one named by the token.
      const record = await tokenStore()
        .loadRecord()
        .catch(() => null);
      if (record && record.server === server() && !record.sandbox) return { server: server(), email: record.email, sandbox: false };
      const tokenId = createHash('sha256')
        .update(env['RELAY_TOKEN'] ?? '')
        .digest('hex')
        .slice(0, 12);
      return { server: server(), email: `token-${tokenId}`, sandbox: false };
    },
    async dispose() {
      await client?.close().catch(() => {});
    },
  };
}
