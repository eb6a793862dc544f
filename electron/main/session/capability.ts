import type { Capability } from '../../../shared/ipc';
import type { SessionService } from './session';

// Sign-in, sign-out and the keychain question, as the window asks for them.
export function createSessionCapability(session: SessionService): Capability<'session'> {
  return {
    handlers: {
      'session:get': () => session.get(),
      'session:signIn': (input) => session.signIn(input),
      'session:trySandbox': () => session.trySandbox(),
      'session:cancelSignIn': () => session.cancelSignIn(),
      'session:signOut': () => session.signOut(),
      'session:answerStorage': (input) => session.answerStorage(input),
    },
    dispose: () => session.dispose(),
  };
}
