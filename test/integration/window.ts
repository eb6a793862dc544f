import { createRouter } from '../../electron/main/router';
import type { Services } from '../../electron/main/services';
import type { Result } from '../../shared/errors';
import type { InputOf, InvokeChannel, OutputOf } from '../../shared/ipc';

// A window as the services see it, for tests that drive them through the router (the contract's input checks
// apply) without a renderer: each call to `windowOver` is a fresh router, as after a reload.

export type WindowCall = <C extends InvokeChannel>(channel: C, input: InputOf<C>) => Promise<Result<OutputOf<C>>>;

export function windowOver(services: Services): WindowCall {
  const router = createRouter(services.handlers);
  return (channel, input) => router.handle(channel, input) as Promise<Result<OutputOf<typeof channel>>>;
}

/** The channel's answer, or a thrown error naming the channel and the refusal. */
export async function ok<C extends InvokeChannel>(call: WindowCall, channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
  const result = await call(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value;
}

/** Reads until `done` holds, or throws with `what` and the last value after `ms`. */
export async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
