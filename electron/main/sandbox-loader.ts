import { logger } from '../log';
import type { SandboxHandle } from './session';

// The ONE door from main to the sandbox gateway: loaded with a dynamic import only when the user picks
// "Try without an account", so a normal start never loads the emulator's code.
export async function startSandbox(): Promise<SandboxHandle> {
  const sandbox = await import('../sandbox');
  const log = logger('sandbox');
  return sandbox.startSandbox({ log: (message) => log.error(message) });
}
