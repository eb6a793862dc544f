import type { Capability } from '../../../shared/ipc';
import type { MonitorClock } from '../lib/clock';
import type { SessionService } from './session';

// Sign-in, sign-out and the keychain question, as the window asks for them; and the stored session's restore
// at start, which `session:get` waits for a little.

/** How long `session:get` waits for a slow keychain before the window shows the sign-in screen. */
export const RESTORE_WAIT_MS = 5_000;

export interface SessionCapability extends Capability<'session'> {
  /** Settles when the stored session's restore has ended (restored, given up or failed; never rejects). */
  restored: Promise<void>;
  dispose(): Promise<void>;
}

export function createSessionCapability(
  session: SessionService,
  deps: { clock: Pick<MonitorClock, 'setTimeout'>; log: (line: string) => void },
): SessionCapability {
  // The stored session restores in the background: a keychain that never answers must not hold the
  // window. session:get waits for it a little, so a normal start does not flash the sign-in screen.
  const restored = session.restore().then(
    () => undefined,
    (error: unknown) => deps.log(`[services] session restore failed: ${String(error)}`),
  );
  const untilRestored = () => Promise.race([restored, new Promise<void>((resolve) => deps.clock.setTimeout(resolve, RESTORE_WAIT_MS))]);

  return {
    handlers: {
      'session:get': async () => {
        await untilRestored();
        return session.get();
      },
      'session:signIn': (input) => session.signIn(input),
      'session:trySandbox': () => session.trySandbox(),
      'session:cancelSignIn': () => session.cancelSignIn(),
      'session:signOut': () => session.signOut(),
      'session:answerStorage': (input) => session.answerStorage(input),
    },
    restored,
    dispose: async () => {
      await restored;
      await session.dispose();
    },
  };
}
