import { describe, expect, it } from 'vitest';
import { formatDateTime, formatExact, formatNumber, formatRelative } from '../../../renderer/src/format';

describe('locale formatting', () => {
  const now = Date.parse('2026-11-25T12:00:00Z');

  it('says how long ago in the user language', () => {
    expect(formatRelative('2026-11-25T11:57:00Z', now, 'en')).toBe('3 minutes ago');
    expect(formatRelative('2026-11-25T11:57:00Z', now, 'pt-BR')).toBe('há 3 minutos');
    expect(formatRelative('2026-11-25T09:00:00Z', now, 'en')).toBe('3 hours ago');
    expect(formatRelative('2026-11-24T12:00:00Z', now, 'en')).toBe('yesterday');
    expect(formatRelative('2026-11-25T11:59:50Z', now, 'en')).toBe('10 seconds ago');
  });

  it('formats dates in the chosen zone and numbers with the locale separators', () => {
    expect(formatDateTime('2026-11-25T12:00:00Z', 'pt-BR', 'America/Sao_Paulo')).toBe('25/11/2026, 09:00:00');
    expect(formatDateTime('2026-11-25T12:00:00Z', 'en-US', 'UTC')).toBe('11/25/26, 12:00:00 PM');
    expect(formatNumber(12345.5, 'pt-BR')).toBe('12.345,5');
    expect(formatNumber(12345.5, 'en')).toBe('12,345.5');
  });
});

describe('exact times', () => {
  it('adds the gateway zone only where it differs from the display zone', () => {
    const at = { iso: '2026-11-25T12:00:00.000Z', zone: 'Europe/Paris' };
    expect(formatExact(at, 'en-US', 'America/Sao_Paulo')).toBe('11/25/26, 9:00:00 AM (11/25/26, 1:00:00 PM Europe/Paris)');
    expect(formatExact(at, 'en-US', 'Europe/Paris')).toBe('11/25/26, 1:00:00 PM');
    expect(formatExact({ ...at, zone: 'Mars/Olympus' }, 'en-US', 'UTC')).toBe('11/25/26, 12:00:00 PM');
  });
});
