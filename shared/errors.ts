// Typed errors that cross IPC: a code and its params; the words a user reads live in the catalogue
// (shared/i18n, `errors.<code>`). `message` is main's English sentence, for logs and for the codes whose
// words are the gateway's own. Never a stack, never a token.

export type ErrorCode =
  | 'validation' // input failed the contract's schema
  | 'unknown-channel'
  | 'forbidden-sender' // IPC from a frame that is not the app's own top frame
  | 'not-signed-in'
  | 'wrong-credentials'
  | 'invalid-token' // the gateway no longer accepts the token: sign in again
  | 'gateway-refused' // the gateway answered error:1 with a message
  | 'timeout'
  | 'network'
  | 'bad-reply' // non-JSON, HTML, wrong HTTP status or unexpected shape
  | 'unknown-outcome' // a write whose result we could not learn: do not resend blindly
  | 'keychain'
  // Local faults (electron/main/db/faults.ts): params.file names the file
  | 'disk-full'
  | 'storage-read-only'
  | 'storage-damaged'
  | 'storage-busy'
  | 'storage-too-new'
  | 'internal';

export interface AppError {
  code: ErrorCode;
  /** A sentence a user can act on. */
  message: string;
  /** For validation errors: the input field at fault, e.g. "email" or "items.3.phone". */
  field?: string;
  /** Values the catalogue's text for this code interpolates, e.g. { row: 12 }. */
  params?: Record<string, string | number>;
  /**
   * The catalogue key of this very refusal (`refusals.…`), interpolated with `params`: what the renderer shows.
   * Absent: the code's words, or main's `message` for a refusal without its own words.
   */
  key?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** Thrown inside main-process services; the router turns it into an AppError result. */
export class AppFailure extends Error {
  readonly code: ErrorCode;
  readonly field?: string;
  readonly params?: Record<string, string | number>;
  readonly key?: string;
  constructor(code: ErrorCode, message: string, field?: string, params?: Record<string, string | number>, key?: string) {
    super(message);
    this.name = 'AppFailure';
    this.code = code;
    if (field !== undefined) this.field = field;
    if (params !== undefined) this.params = params;
    if (key !== undefined) this.key = key;
  }
  toAppError(): AppError {
    const error: AppError = { code: this.code, message: this.message };
    if (this.field !== undefined) error.field = this.field;
    if (this.params !== undefined) error.params = { ...this.params };
    if (this.key !== undefined) error.key = this.key;
    return error;
  }
}

/**
 * A refusal people read: its catalogue key (`refusals.<key>` in shared/i18n/refusals.ts, en + pt-BR) and params,
 * with main's English sentence for logs and the CLI. `field` keeps the form pointing at the input at fault.
 */
export function refusal(
  key: string,
  message: string,
  params?: Record<string, string | number>,
  options: { code?: ErrorCode; field?: string } = {},
): AppFailure {
  return new AppFailure(options.code ?? 'validation', message, options.field, params, `refusals.${key}`);
}
