import { describe, expect, it } from 'vitest';
import { FAILURE_CODES, failureKind, groupFailures, isRetryable } from '../../../electron/main/campaigns/failures';
import { en, ptBR } from '../../../shared/failure-words';

function lookup(catalogue: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], catalogue);
}

describe('failure guidance', () => {
  it('says which codes are worth sending again', () => {
    expect(FAILURE_CODES.filter(isRetryable)).toEqual([9, 10, 11, 12]);
    expect(failureKind(100)).toBe('fix-phone');
    expect(failureKind(101)).toBe('fix-phone');
    expect(failureKind(8)).toBe('not-delivered');
    expect(isRetryable(7)).toBe(false);
    expect(isRetryable(2)).toBe(false);
  });

  it('groups failed messages by code, largest first, and leaves delivered and pending ones out', () => {
    const messages = [9, 7, 100, 9, 2, 12, 100, 9, 6, 8].map((status, id) => ({ id, status }));
    const groups = groupFailures(messages);
    expect(groups.map((g) => [g.code, g.kind, g.messages.map((m) => m.id)])).toEqual([
      [9, 'retryable', [0, 3, 7]],
      [100, 'fix-phone', [2, 6]],
      [8, 'not-delivered', [9]],
      [12, 'retryable', [5]],
    ]);
    expect(groups[0]).toMatchObject({ titleKey: 'failures.9.title', whatKey: 'failures.9.what', todoKey: 'failures.9.todo' });
  });

  it('has a title, an explanation and advice for every code in English and Portuguese', () => {
    for (const code of FAILURE_CODES) {
      for (const part of ['title', 'what', 'todo']) {
        const key = `failures.${code}.${part}`;
        const english = lookup(en, key);
        const portuguese = lookup(ptBR, key);
        expect(typeof english === 'string' && english.length > 0, key).toBe(true);
        expect(typeof portuguese === 'string' && portuguese.length > 0, key).toBe(true);
        expect(portuguese, `${key} is translated`).not.toBe(english);
      }
    }
    expect(Object.keys(ptBR.failures)).toEqual(Object.keys(en.failures));
  });
});
