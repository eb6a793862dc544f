// Times in the inbox follow the app's language and zone: today's as a time, this year's as a day and month,
// older ones with the year.

export function formatShortTime(ms: number, now: number, language: string, timeZone: string): string {
  const day = (at: number) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
  if (day(ms) === day(now)) return new Intl.DateTimeFormat(language, { timeZone, hour: 'numeric', minute: '2-digit' }).format(ms);
  const sameYear = day(ms).slice(0, 4) === day(now).slice(0, 4);
  return new Intl.DateTimeFormat(language, { timeZone, day: 'numeric', month: 'short', ...(sameYear ? {} : { year: 'numeric' }) }).format(
    ms,
  );
}

export function formatFullTime(ms: number, language: string, timeZone: string): string {
  return new Intl.DateTimeFormat(language, { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(ms);
}
