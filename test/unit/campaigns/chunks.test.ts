import { describe, expect, it } from 'vitest';
import { CHUNK_SIZE, chunk, chunkCount } from '../../../electron/main/campaigns/chunks';

describe('chunk', () => {
  it('cuts 120 recipients into 50, 50 and 20, keeping their order', () => {
    const items = Array.from({ length: 120 }, (_, i) => i);
    const chunks = chunk(items);
    expect(CHUNK_SIZE).toBe(50);
    expect(chunks.map((c) => c.length)).toEqual([50, 50, 20]);
    expect(chunks.flat()).toEqual(items);
    expect(chunkCount(120)).toBe(3);
  });

  it('makes exactly one chunk of 50 from 50, and none from nothing', () => {
    expect(chunk(Array.from({ length: 50 }, (_, i) => i)).length).toBe(1);
    expect(chunkCount(50)).toBe(1);
    expect(chunk([])).toEqual([]);
    expect(chunkCount(0)).toBe(0);
  });

  it('refuses a size that would loop forever or lose items', () => {
    expect(() => chunk([1], 0)).toThrow(RangeError);
    expect(() => chunk([1], 1.5)).toThrow(RangeError);
  });
});
