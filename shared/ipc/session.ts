import { z } from 'zod';
import type { SessionState } from '../domain';
import { serverUrlSchema } from '../server-url';
import { defineContract, none, out } from './kit';

export const signInInput = z.object({
  email: z.email().max(254),
  password: z.string().min(1).max(1024),
  // https only (loopback excepted): the form shows the same reason main would give.
  server: serverUrlSchema,
});

export const sessionContract = defineContract({
  invoke: {
    'session:get': { input: none, output: out<SessionState>() },
    'session:signIn': { input: signInInput, output: out<SessionState>() },
    'session:trySandbox': { input: none, output: out<SessionState>() },
    /** Cancels a sign-in in progress (the form's Cancel): gettoken is aborted, nothing is stored. */
    'session:cancelSignIn': { input: none, output: out<void>() },
    'session:signOut': { input: none, output: out<SessionState>() },
    /** Answer to "store the token without OS encryption?" (only asked when safeStorage is basic_text). */
    'session:answerStorage': { input: z.object({ storeUnencrypted: z.boolean() }), output: out<SessionState>() },
  },
  events: {
    'session:changed': out<SessionState>(),
  },
});
