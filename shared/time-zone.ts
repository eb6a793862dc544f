/** The computer's zone (TZ decides it for the CLI); UTC where the runtime cannot tell. */
export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/**
 * The zone Relay Desk shows times in and schedules by: the one chosen in Settings, else the computer's. Main,
 * the CLI and the renderer all ask this one function.
 */
export function effectiveTimeZone(chosen: string | null | undefined): string {
  return chosen || systemTimeZone();
}
