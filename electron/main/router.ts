import type { z } from 'zod';
import { contract, isInvokeChannel, type Handlers } from '../../shared/ipc';
import { AppFailure, type AppError, type Result } from '../../shared/errors';
import { issueText } from '../../shared/server-url';

// Transport-free dispatch: channel → validate input with the contract's schema → handler → result.
// Bound to ipcMain in the app and to Playwright's exposeBinding in e2e tests, so both see the same
// behaviour. Failures come back as AppError values (code + user message), never as stacks.

export interface Router {
  handle(channel: unknown, input: unknown): Promise<Result<unknown>>;
}

export interface RouterOptions {
  /** Where unexpected errors are reported with their stack (main-process log). */
  log?: (line: string) => void;
}

export function createRouter(handlers: Handlers, options: RouterOptions = {}): Router {
  const log = options.log ?? (() => {});
  return {
    async handle(channel, input) {
      if (!isInvokeChannel(channel)) {
        return fail({ code: 'unknown-channel', message: `Unknown request "${String(channel).slice(0, 60)}".` });
      }
      const schema: z.ZodType = contract.invoke[channel].input;
      const parsed = schema.safeParse(input);
      if (!parsed.success) return fail(validationError(parsed.error));
      try {
        const handler = handlers[channel] as (input: unknown) => unknown;
        return { ok: true, value: await handler(parsed.data) };
      } catch (error) {
        if (error instanceof AppFailure) return fail(error.toAppError());
        log(`[router] ${channel} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        return fail({ code: 'internal', message: 'Something went wrong. Please try again.' });
      }
    },
  };
}

function fail(error: AppError): Result<never> {
  return { ok: false, error };
}

/** Names the first field at fault so forms can point at it. */
export function validationError(error: z.ZodError): AppError {
  const issue = error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : undefined;
  const reason = issueText(issue);
  const text = /[.!?)]$/.test(reason) ? reason : `${reason}.`;
  // Main's sentence (logs, the CLI) may name the input; what people read is errors.validation, which does not.
  const message = field ? `This request's "${field}" cannot be used: ${text}` : `Invalid request: ${text}`;
  return field
    ? { code: 'validation', message, field, key: 'errors.validation' }
    : { code: 'validation', message, key: 'errors.validation' };
}
