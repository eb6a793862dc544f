import type { Bridge, EventName, InputOf, InvokeChannel, OutputOf, PayloadOf } from '../../../shared/ipc';
import i18next from 'i18next';
import type { AppError } from '../../../shared/errors';

// The renderer's one door to main: typed calls over window.api that throw ApiError on failure,
// so react-query and forms can treat errors uniformly.

declare global {
  interface Window {
    api: Bridge;
  }
}

export class ApiError extends Error {
  readonly error: AppError;
  constructor(error: AppError) {
    super(error.message);
    this.name = 'ApiError';
    this.error = error;
  }
}

export async function call<C extends InvokeChannel>(channel: C, input?: InputOf<C>): Promise<OutputOf<C>> {
  const invoke = window.api.invoke as (channel: C, input?: InputOf<C>) => ReturnType<Bridge['invoke']>;
  const result = await invoke(channel, input);
  if (!result.ok) throw new ApiError(result.error);
  return result.value as OutputOf<C>;
}

export function subscribe<E extends EventName>(event: E, listener: (payload: PayloadOf<E>) => void): () => void {
  return window.api.on(event, listener);
}

/**
 * The text to show for a failed call. Main words its messages in English, and most precisely (a send
 * says it "may or may not have been queued"), so English shows them as they are; other languages get
 * the translation for the error's code. The gateway's own words (wrong password, a refusal) are kept.
 */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    const { code, message, field } = error.error;
    if (i18next.language === 'en' || code === 'wrong-credentials' || code === 'gateway-refused') return message;
    if (code === 'validation') return i18next.t('errors.validation', { field: field ?? '' });
    return i18next.t(`errors.${code}`);
  }
  if (error instanceof Error) return error.message;
  return String(error);
}
