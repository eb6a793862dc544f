// Time zones as people look for them: grouped by region ("America", "Europe"…), named by their city
// ("Sao Paulo", "Argentina / Buenos Aires"), each with its offset from UTC right now, so the list reads
// "São Paulo (UTC−03:00)" instead of 419 raw ids.

export interface ZoneOption {
  id: string;
  city: string;
  /** "UTC−03:00", "UTC+05:30", "UTC". */
  offset: string;
  /** Minutes east of UTC at `at`, for sorting. */
  minutes: number;
}

export interface ZoneGroup {
  /** The id's first part ("America"); "Etc" for ids without one (e.g. "UTC"). */
  region: string;
  zones: ZoneOption[];
}

/** The zone's offset from UTC at an instant, as Intl reports it ("GMT-03:00" → "UTC−03:00"). */
export function zoneOffset(zone: string, at: Date): { label: string; minutes: number } {
  const name =
    new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
      .formatToParts(at)
      .find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!match) return { label: 'UTC', minutes: 0 };
  const [, sign, hours, mins] = match;
  const minutes = (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(mins));
  if (minutes === 0) return { label: 'UTC', minutes: 0 };
  return { label: `UTC${sign === '-' ? '−' : '+'}${hours}:${mins}`, minutes };
}

/** "America/Argentina/Buenos_Aires" → "Argentina / Buenos Aires"; "UTC" → "UTC". */
export function zoneCity(zone: string): string {
  const parts = zone.split('/');
  return (parts.length > 1 ? parts.slice(1) : parts).map((part) => part.replaceAll('_', ' ')).join(' / ');
}

export function zoneOption(zone: string, at: Date): ZoneOption {
  const { label, minutes } = zoneOffset(zone, at);
  return { id: zone, city: zoneCity(zone), offset: label, minutes };
}

/**
 * The zones by region (regions and cities in alphabetical order), leaving out `exclude` (the current
 * zone, which the list shows first on its own).
 */
export function groupZones(zones: readonly string[], at: Date, language: string, exclude?: string | null): ZoneGroup[] {
  const collator = new Intl.Collator(language);
  const groups = new Map<string, ZoneOption[]>();
  for (const zone of zones) {
    if (zone === exclude) continue;
    const region = zone.includes('/') ? zone.split('/')[0]! : 'Etc';
    const list = groups.get(region) ?? [];
    list.push(zoneOption(zone, at));
    groups.set(region, list);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === 'Etc' ? 1 : b === 'Etc' ? -1 : collator.compare(a, b)))
    .map(([region, list]) => ({ region, zones: list.sort((a, b) => collator.compare(a.city, b.city)) }));
}
