import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { comparePositions, type Position } from '../../src/kernel/event-store.port.js';
import {
  InvalidPositionError,
  compareEsdbPositions,
  decodePosition,
  encodePosition,
  isEsdbPosition,
  type EsdbPosition,
} from '../../src/infrastructure/event-store/eventstoredb/position.js';

const MAX = (1n << 64n) - 1n;
const uint64 = fc.bigInt({ min: 0n, max: MAX });
/** Small values too, and neighbours of each other, where ordering mistakes (e.g. decimal text) show. */
const part = fc.oneof(uint64, fc.bigInt({ min: 0n, max: 300n }), fc.constantFrom(0n, 9n, 10n, 15n, 16n, MAX - 1n, MAX));
const position = fc.record({ commit: part, prepare: part });
const sign = (n: number) => Math.sign(n);

describe('EventStoreDB positions as the port’s opaque Position: <commit>-<prepare>, 16 hex digits each', () => {
  it('round-trips every pair of unsigned 64-bit integers', () => {
    fc.assert(
      fc.property(position, (p) => {
        expect(decodePosition(encodePosition(p))).toEqual(p);
      }),
    );
  });

  it('string order is $all order (commit first, then prepare)', () => {
    fc.assert(
      fc.property(position, position, (a, b) => {
        expect(sign(comparePositions(encodePosition(a), encodePosition(b)))).toBe(sign(compareEsdbPositions(a, b)));
      }),
    );
  });

  it('is fixed width and lower case', () => {
    fc.assert(
      fc.property(position, (p) => {
        expect(encodePosition(p)).toMatch(/^[0-9a-f]{16}-[0-9a-f]{16}$/);
      }),
    );
  });

  it.each([
    ['0', { commit: 0n, prepare: 0n }, '0000000000000000-0000000000000000'],
    ['2^64-1', { commit: MAX, prepare: MAX }, 'ffffffffffffffff-ffffffffffffffff'],
    ['mixed', { commit: 1n, prepare: MAX }, '0000000000000001-ffffffffffffffff'],
    ['a real one', { commit: 1_234_567n, prepare: 1_234_567n }, '000000000012d687-000000000012d687'],
  ])('bounds: %s', (_name, p, text) => {
    expect(encodePosition(p)).toBe(text);
    expect(decodePosition(text)).toEqual(p);
  });

  it('orders across a change in the number of digits (text of decimals would not)', () => {
    const nine = encodePosition({ commit: 9n, prepare: 9n });
    const ten = encodePosition({ commit: 10n, prepare: 10n });
    const big = encodePosition({ commit: 0x1_0000_0000n, prepare: 0n });
    expect(comparePositions(nine, ten)).toBeLessThan(0);
    expect(comparePositions(ten, big)).toBeLessThan(0);
  });

  it.each([
    ['a negative commit', { commit: -1n, prepare: 0n }],
    ['a negative prepare', { commit: 0n, prepare: -1n }],
    ['2^64', { commit: 1n << 64n, prepare: 0n }],
    ['a number instead of a bigint', { commit: 1 as unknown as bigint, prepare: 0n }],
  ])('refuses to encode %s', (_name, p: EsdbPosition) => {
    expect(() => encodePosition(p)).toThrow(InvalidPositionError);
    expect(() => encodePosition(p)).toThrow(/unsigned 64-bit integer/);
  });

  it.each([
    ['empty', ''],
    ['no separator', '00000000000000000000000000000000'],
    ['15 digits', '000000000000000-0000000000000000'],
    ['17 digits', '00000000000000000-0000000000000000'],
    ['upper-case hex', '000000000000000A-0000000000000000'],
    ['not hex', '000000000000000g-0000000000000000'],
    ['decimal with a colon', '123:456'],
    ['surrounded by spaces', ' 0000000000000000-0000000000000000 '],
    ['three parts', '0000000000000000-0000000000000000-0000000000000000'],
    ['a sign', '-000000000000000-0000000000000000'],
  ])('refuses to decode a malformed position: %s', (_name, text) => {
    expect(() => decodePosition(text as Position)).toThrow(InvalidPositionError);
    expect(() => decodePosition(text as Position)).toThrow(/Not an EventStoreDB position: .*expected <commit>-<prepare>, 16 lower-case hex digits each/);
  });

  it.each([
    ['the start', '0000000000000000-0000000000000000', true],
    ['an event of a multi-event append (prepare after its commit)', '000000000012d687-000000000012d6f0', true],
    ['an event of an explicit transaction (prepare before its commit)', '000000000012d6f0-000000000012d687', true],
    ['the largest log position', '7fffffffffffffff-7fffffffffffffff', true],
    ['a commit beyond a signed 64-bit log position', '8000000000000000-0000000000000000', false],
    ['a prepare beyond a signed 64-bit log position', '0000000000000000-8000000000000000', false],
    ['the client’s END', 'ffffffffffffffff-ffffffffffffffff', false],
    ['upper-case hex', '000000000012D687-000000000012D687', false],
    ['decimal with a colon', '123:456', false],
  ])('a position handed back is a place in the log or malformed: %s', (_name, text, valid) => {
    expect(isEsdbPosition(text)).toBe(valid);
  });

  it('refuses to decode something that is not a string', () => {
    expect(() => decodePosition(undefined as unknown as Position)).toThrow(InvalidPositionError);
    expect(() => decodePosition(42 as unknown as Position)).toThrow(/Not an EventStoreDB position: 42/);
  });
});
