import type { HoldReason } from '../../../shared/jobs';
import type { SessionState } from '../../../shared/domain';
import { AppFailure } from '../../../shared/errors';
import type { EmitEvent, GatewayHealth } from '../../../shared/ipc';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { accountFileName, closeDatabase, openAccountDatabase, storageFault, type AccountRef, type Db } from '../db';
import { createJobRunner, JOB_DEFAULTS, type JobKind, type JobRunner } from '../jobs';
import type { Clock } from '../lib';

// The signed-in account's local world: its SQLite database and the job runner on it. Opened at sign-in,
// held (not closed) at sign-out so a job waits and carries on when the same account signs in again;
// closed when another account signs in, and on quit (gracefully: requests in flight finish and are journaled).

export interface AccountScope {
  account: AccountRef;
  db: Db;
  jobs: JobRunner;
}

export interface AccountScopes {
  /** The signed-in account's scope; throws AppFailure 'not-signed-in' otherwise. */
  current(): AccountScope;
  /** The open scope, signed in or held; null before the first sign-in. */
  peek(): AccountScope | null;
  /** A kind every account's runner knows (registered on the open runner too). */
  registerKind<I, P>(kind: JobKind<I, P>): void;
  /** Called whenever an account's scope opens (after its runner recovered). */
  onOpen(listener: (scope: AccountScope) => void): () => void;
  /** Follow the session (sign-in opens or releases, sign-out holds). */
  sessionChanged(state: SessionState): void;
  /** Follow the gateway's health (unreachable holds gateway jobs, reachable releases them). */
  healthChanged(health: GatewayHealth): void;
  /** Quit: graceful stop of the runner, then the database closes. */
  dispose(options?: { timeoutMs?: number }): Promise<void>;
}

export interface AccountScopesDeps {
  dataDir: string;
  emit: EmitEvent;
  log: (line: string) => void;
  clock?: Clock;
}

const sameAccount = (a: AccountRef, b: AccountRef) =>
  a.email === b.email && a.sandbox === b.sandbox && (a.sandbox || a.server === b.server);

export function createAccountScopes(deps: AccountScopesDeps): AccountScopes {
  const kinds: JobKind<unknown, never>[] = [];
  const openListeners = new Set<(scope: AccountScope) => void>();
  let scope: AccountScope | null = null;
  let signedIn = false;
  /** Why the signed-in account's database could not be opened (a full disk, a damaged file…), and for whom. */
  let openFailure: { account: AccountRef; error: AppFailure; at: number } | null = null;
  const REOPEN_AFTER_MS = 3_000;

  function tryOpen(account: AccountRef): void {
    try {
      scope = open(account);
      openFailure = null;
    } catch (error) {
      const file = join(deps.dataDir, 'accounts', accountFileName(account));
      const failure =
        error instanceof AppFailure
          ? error
          : (storageFault(error, file) ??
            new AppFailure(
              'internal',
              `The account's data file ${file} could not be opened: ${error instanceof Error ? error.message : String(error)}`,
              undefined,
              { file },
              'refusals.accountFileUnopened',
            ));
      openFailure = { account, error: failure, at: Date.now() };
      deps.log(`[account] could not open the database: ${failure.message}`);
    }
  }
  /** Closing a scope is async (graceful stop); the next one opens after it, never beside it. */
  let closing: Promise<void> = Promise.resolve();

  function open(account: AccountRef): AccountScope {
    // The practice sandbox starts empty every time: a registry kept from an earlier run would name tags,
    // contacts and jobs that its gateway no longer has.
    if (account.sandbox) {
      const file = join(deps.dataDir, 'accounts', accountFileName(account));
      for (const path of [file, `${file}-wal`, `${file}-shm`]) rmSync(path, { force: true });
    }
    const db = openAccountDatabase({ dataDir: deps.dataDir, account });
    const jobs = createJobRunner({
      db,
      role: 'app',
      ...(deps.clock ? { clock: deps.clock } : {}),
      onChange: (view) => deps.emit('jobs:changed', view),
      log: deps.log,
    });
    for (const kind of kinds) jobs.register(kind);
    const opened = { account, db, jobs };
    const recovered = jobs.recover();
    if (recovered.length > 0) deps.log(`[account] recovered ${recovered.length} job(s)`);
    for (const listener of openListeners) listener(opened);
    return opened;
  }

  async function close(closing: AccountScope, timeoutMs: number): Promise<void> {
    try {
      await closing.jobs.stop({ timeoutMs });
    } finally {
      closeDatabase(closing.db);
    }
  }

  return {
    current() {
      // Signed in, but the account's file could not be opened: say why (naming the file), not "Sign in";
      // try again now and then, so freeing the disk or moving a damaged file aside is enough.
      if (!scope && signedIn && openFailure) {
        if (Date.now() - openFailure.at >= REOPEN_AFTER_MS) tryOpen(openFailure.account);
        if (!scope) throw openFailure.error;
      }
      if (!scope || !signedIn) throw new AppFailure('not-signed-in', 'Sign in to use this.', undefined, undefined, 'errors.not-signed-in');
      return scope;
    },
    peek: () => scope,
    registerKind(kind) {
      kinds.push(kind as JobKind<unknown, never>);
      scope?.jobs.register(kind);
    },
    onOpen(listener) {
      openListeners.add(listener);
      return () => openListeners.delete(listener);
    },
    sessionChanged(state) {
      signedIn = state.signedIn;
      if (!state.signedIn || !state.email || !state.server) {
        scope?.jobs.hold('signed-out');
        return;
      }
      const account: AccountRef = { server: state.server, email: state.email, sandbox: state.sandbox };
      if (scope && sameAccount(scope.account, account)) {
        scope.jobs.release('signed-out');
        return;
      }
      const previous = scope;
      scope = null;
      closing = closing.then(async () => {
        if (previous) await close(previous, JOB_DEFAULTS.stopTimeoutMs);
        tryOpen(account);
      });
    },
    healthChanged(health) {
      const reason: HoldReason = 'gateway-unreachable';
      if (health.reachable === false) scope?.jobs.hold(reason);
      else if (health.reachable === true) scope?.jobs.release(reason);
    },
    async dispose(options) {
      await closing;
      const last = scope;
      scope = null;
      if (last) await close(last, options?.timeoutMs ?? JOB_DEFAULTS.stopTimeoutMs);
    },
  };
}
