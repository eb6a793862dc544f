import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readSearchParams, writeSearchParams } from '../../../renderer/src/app/search-params';

// A screen's filters in the URL: typed by a zod schema, forgiving of bad values, tidy when written.

const schema = z.object({
  show: z.enum(['all', 'online', 'offline']).default('all'),
  page: z.coerce.number().int().min(1).default(1),
  tag: z.array(z.string()).default([]),
  q: z.string().optional(),
});

describe('reading', () => {
  it('gives defaults for an empty URL and typed values for a full one', () => {
    expect(readSearchParams(schema, new URLSearchParams())).toEqual({ show: 'all', page: 1, tag: [] });
    expect(readSearchParams(schema, new URLSearchParams('show=offline&page=3&tag=vip&tag=sp&q=ana'))).toEqual({
      show: 'offline',
      page: 3,
      tag: ['vip', 'sp'],
      q: 'ana',
    });
  });

  it('reads a single value of a list field as a list of one', () => {
    expect(readSearchParams(schema, new URLSearchParams('tag=vip')).tag).toEqual(['vip']);
  });

  it('drops only the values that do not parse, keeping the rest', () => {
    expect(readSearchParams(schema, new URLSearchParams('show=sideways&page=-4&q=ana'))).toEqual({
      show: 'all',
      page: 1,
      tag: [],
      q: 'ana',
    });
  });
});

describe('writing', () => {
  it('leaves defaults and empty values out of the URL and keeps other params', () => {
    const next = writeSearchParams(schema, { show: 'all', page: 2, q: '' }, new URLSearchParams('show=offline&q=ana&other=1'));
    expect(next.toString()).toBe('other=1&page=2');
  });

  it('writes lists as repeated params that read back the same', () => {
    const next = writeSearchParams(schema, { tag: ['vip', 'sp'] }, new URLSearchParams());
    expect(next.toString()).toBe('tag=vip&tag=sp');
    expect(readSearchParams(schema, next).tag).toEqual(['vip', 'sp']);
  });
});
