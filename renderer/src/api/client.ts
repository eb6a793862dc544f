import type { Bridge, EventName, InputOf, InvokeChannel, OutputOf, PayloadOf } from '../../../shared/ipc';
import i18next from 'i18next';
import type { AppError } from '../../../shared/errors';
import type { GATEWAY_WORDED_CODES } from '../../../shared/i18n';

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

// The catalogue's list, restated so this module (in the first script) does not pull in every word; the
// compiler checks the two lists are the same.
type GatewayWorded = (typeof GATEWAY_WORDED_CODES)[number];
const GATEWAY_WORDED = ['wrong-credentials', 'gateway-refused'] as const satisfies readonly GatewayWorded[];
const _sameList: Exclude<GatewayWorded, (typeof GATEWAY_WORDED)[number]> extends never ? true : never = true;
void _sameList;
const gatewayWorded = new Set<string>(GATEWAY_WORDED);

/**
 * The text to show for a failed call, in the user's language: the refusal's own catalogue words (`key`, with
 * its params), else the catalogue's words for the error's code (main's English `message` is for logs). A
 * refusal worded by the gateway itself (wrong password, a refusal) is shown as the gateway said it. A
 * validation refusal without words of its own shows main's sentence, never a field name.
 */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    const { code, message, field, params, key } = error.error;
    if (key !== undefined && i18next.exists(key, { ...params })) return String(i18next.t(key as 'errors.generic', { ...params }));
    if (gatewayWorded.has(code)) return message;
    if (code === 'validation') return message;
    const codeKey = `errors.${code}` as const;
    // A code this renderer has no words for (a newer main): main's sentence beats nothing.
    if (!i18next.exists(codeKey)) return message;
    return i18next.t(codeKey as `errors.${Exclude<typeof code, (typeof GATEWAY_WORDED_CODES)[number]>}`, {
      ...params,
      field: field ?? '',
    });
  }
  if (error instanceof Error) return error.message;
  return String(error);
}
