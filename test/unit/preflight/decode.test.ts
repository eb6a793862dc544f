import { describe, expect, it } from 'vitest';
import { TextDecoder } from 'node:util';
import { StreamDecoder } from '../../../electron/main/preflight/decode';

describe('Windows-1252 decoding', () => {
  const reference = new TextDecoder('windows-1252');

  // Latin-1 is used for chunks without a byte in 0x80–0x9F: every byte value, at every place in a word and
  // in chunks that start anywhere in their buffer, must read as Windows-1252 reads it.
  it('reads every byte value as Windows-1252 does, wherever it falls in a chunk', () => {
    const wrong: string[] = [];
    for (let value = 0x20; value < 0x100; value++) {
      for (let offset = 0; offset < 4; offset++) {
        for (let at = 0; at < 13; at++) {
          const buffer = Buffer.alloc(offset + 13, 'a');
          buffer[offset + at] = value;
          const chunk = buffer.subarray(offset);
          const text = new StreamDecoder('windows-1252', 0).decode(chunk, true);
          if (text !== reference.decode(chunk)) wrong.push(`0x${value.toString(16)} at ${at} (offset ${offset})`);
        }
      }
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it('a euro sign deep in long text of accents is read as one', () => {
    const text = 'João;Conceição;Ângela\n'.repeat(2000);
    const bytes = Buffer.from(`${text}Preço: 10\u20ac\n${text}`.replace('\u20ac', '\u0080'), 'latin1');
    expect(new StreamDecoder('windows-1252', 0).decode(bytes, true)).toBe(`${text}Preço: 10€\n${text}`);
  });
});
