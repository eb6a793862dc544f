import { describe, expect, it } from 'vitest';
import {
  FieldProblem,
  nullAs,
  orNull,
  readBool,
  readCollection,
  readInt,
  readNumber,
  readPhpDate,
  readText,
  rowReader,
} from '../../../electron/main/gateway/fields';
import { boolLike, collection, intLike, numberLike, phpDate, text } from '../../../electron/main/gateway/schemas';

const rejected = expect.any(FieldProblem);

describe('field readers', () => {
  it('read integers from numbers and numeric strings, and nothing else', () => {
    expect([5, -7, ' 42 ', '-3', -0, 1e20].map(readInt)).toEqual([5, -7, 42, -3, 0, 1e20]);
    for (const bad of [1.5, Number.NaN, Infinity, 1e21, '1.5', '1e3', '', 'abc', null, true, undefined, {}]) {
      expect(readInt(bad)).toEqual(rejected);
    }
  });

  it('read finite numbers, text, booleans as the gateway writes them', () => {
    expect([1.5, ' 2.25 ', '-3'].map(readNumber)).toEqual([1.5, 2.25, -3]);
    expect(['', ' ', 'x', Number.NaN, null].map(readNumber)).toEqual([rejected, rejected, rejected, rejected, rejected]);
    expect([' a ', 15].map(readText)).toEqual([' a ', '15']);
    expect(readText(null)).toEqual(rejected);
    expect([true, 1, '1', 'true', false, 0, '0', 'false', null, ''].map(readBool)).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(['yes', 2, undefined].map(readBool)).toEqual([rejected, rejected, rejected]);
  });

  it('treat a missing field, null, "null" and "" as absent in orNull / nullAs', () => {
    expect([undefined, null, 'null', '', '7'].map(orNull(readInt))).toEqual([null, null, null, null, 7]);
    expect([undefined, 'null', 'hi'].map(nullAs(readText, ''))).toEqual(['', '', 'hi']);
    expect(orNull(readInt)('x')).toEqual(rejected);
  });

  it('read id-keyed objects, arrays and null as row lists', () => {
    expect(readCollection({ 2: 'b', 1: 'a' })).toEqual(['a', 'b']);
    expect(readCollection([])).toEqual([]);
    expect(readCollection(null)).toEqual([]);
    expect(readCollection('rows')).toEqual(rejected);
  });

  it('read PHP dates, rejecting other shapes and unreadable zones', () => {
    expect(readPhpDate({ date: '2024-01-10 10:00:00.000000', timezone_type: '3', timezone: 'UTC' })).toEqual({
      iso: '2024-01-10T10:00:00.000Z',
      zone: 'UTC',
    });
    expect(readPhpDate('2024-01-10 10:00:00')).toEqual(rejected);
    // The zone string decides; a null type is no reason to lose the date.
    expect(readPhpDate({ date: '2024-01-10 10:00:00', timezone_type: null, timezone: 'UTC' })).toEqual({
      iso: '2024-01-10T10:00:00.000Z',
      zone: 'UTC',
    });
    expect(readPhpDate({ date: '2024-01-10 10:00:00', timezone_type: 'three', timezone: 'UTC' })).toEqual(rejected);
    expect(readPhpDate({ date: '2024-01-10 10:00:00', timezone: 'Mars/Olympus' })).toEqual(rejected);
  });

  it('are the rules of the zod schemas too', () => {
    const samples: unknown[] = [5, ' 42 ', '1.5', 1.5, '', 'null', null, true, '1', 'x', [], { 1: 'a' }];
    const pairs = [
      [readInt, intLike],
      [readNumber, numberLike],
      [readText, text],
      [readBool, boolLike],
      [readCollection, collection],
      [readPhpDate, phpDate],
    ] as const;
    for (const [read, schema] of pairs) {
      for (const sample of samples) {
        const result = schema.safeParse(sample);
        const expected = read(sample);
        if (expected instanceof FieldProblem) expect(result.success).toBe(false);
        else expect(result).toEqual({ success: true, data: expected });
      }
    }
  });
});

describe('rowReader', () => {
  const read = rowReader({ id: readInt, note: orNull(readText) });

  it('reads the listed fields, ignores the others, and reads missing optional ones', () => {
    expect(read({ id: '3', extra: 'x' })).toEqual({ ok: true, row: { id: 3, note: null } });
  });

  it('reports every bad field by name, and a non-object as the row itself', () => {
    expect(read({ id: 'x', note: {} })).toEqual({
      ok: false,
      problems: [
        { field: 'id', message: 'expected an integer' },
        { field: 'note', message: 'expected text' },
      ],
    });
    expect(read([1])).toEqual({ ok: false, problems: [{ field: '', message: 'expected an object' }] });
  });
});
