import { describe, expect, it, vi } from 'vitest';
import { createManualClock } from '../../../electron/main/lib/clock';
import { createSessionCapability, RESTORE_WAIT_MS } from '../../../electron/main/session/capability';
import { SIGNED_OUT, type SessionService } from '../../../electron/main/session/session';
import type { SessionState } from '../../../shared/domain';

// The window's first question, "am I signed in?", waits a little for the stored session (so a normal start
// does not flash the sign-in screen) but never hangs on a keychain that does not answer. The session
// capability alone answers it (the composition root no longer overrides its handler).

const SIGNED_IN: SessionState = { ...SIGNED_OUT, signedIn: true, email: 'ana@example.com', server: 'https://gw.example.com/getdata/' };

function fakeSession() {
  let state: SessionState = SIGNED_OUT;
  let finishRestore: () => void = () => {};
  const restoring = new Promise<SessionState>((resolve) => {
    finishRestore = () => {
      state = SIGNED_IN;
      resolve(state);
    };
  });
  const dispose = vi.fn(async () => {});
  const session = { get: () => state, restore: () => restoring, dispose } as unknown as SessionService;
  return { session, finishRestore, dispose };
}

const settled = async (promise: Promise<unknown>): Promise<boolean> => {
  let done = false;
  void promise.then(() => (done = true));
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
  return done;
};

describe('session:get at start', () => {
  it('waits for a restore that answers, and says signed in', async () => {
    const clock = createManualClock(0);
    const { session, finishRestore } = fakeSession();
    const capability = createSessionCapability(session, { clock, log: () => {} });
    const answer = capability.handlers['session:get'](undefined);
    expect(await settled(Promise.resolve(answer))).toBe(false);
    finishRestore();
    expect(await answer).toMatchObject({ signedIn: true, email: 'ana@example.com' });
  });

  it('answers signed out once the wait runs out when the keychain never answers', async () => {
    const clock = createManualClock(0);
    const { session } = fakeSession();
    const capability = createSessionCapability(session, { clock, log: () => {} });
    const answer = Promise.resolve(capability.handlers['session:get'](undefined as never));
    await clock.advance(RESTORE_WAIT_MS - 1);
    expect(await settled(answer)).toBe(false);
    await clock.advance(1);
    expect(await answer).toMatchObject({ signedIn: false });
  });

  it('closes the session only after the restore has ended', async () => {
    const clock = createManualClock(0);
    const { session, finishRestore, dispose } = fakeSession();
    const capability = createSessionCapability(session, { clock, log: () => {} });
    const disposed = capability.dispose();
    await settled(disposed);
    expect(dispose).not.toHaveBeenCalled();
    finishRestore();
    await disposed;
    expect(dispose).toHaveBeenCalledTimes(1);
  });
});
