import { z } from 'zod';

// The pieces every capability's contract file uses. A capability contract is a plain object of invoke
// channels (input schema + output type) and pushed events (payload type), merged in ./index.ts.

/** Declares an output or payload type without a runtime value (outputs are produced by our own code). */
export const out = <T>() => undefined as unknown as T;
/** The input of a channel that takes none. */
export const none = z.undefined();

export interface CapabilityContract {
  invoke: Record<string, { input: z.ZodType; output: unknown }>;
  events: Record<string, unknown>;
}

/** Keeps a contract's literal types while checking its shape. */
export const defineContract = <const C extends CapabilityContract>(contract: C): C => contract;
