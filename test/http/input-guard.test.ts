import { describe, expect, it } from '@jest/globals';
import { MAX_DEPTH, unsafeInput } from '../../src/http/input-guard.js';

const nested = (depth: number): unknown => {
  let value: unknown = 'leaf';
  for (let level = 0; level < depth; level++) value = { a: value };
  return value;
};

describe('unsafeInput: what no store can hold, found with its path', () => {
  it('accepts ordinary input: Danish letters, emoji (a surrogate pair), right-to-left marks, numbers, nulls, arrays', () => {
    expect(unsafeInput('body', { name: 'Åse Ærø 🙂 \u202Eabc', lines: [{ qty: 3, note: null }], ok: true })).toBeNull();
    expect(unsafeInput('query', {})).toBeNull();
    expect(unsafeInput('body', undefined)).toBeNull();
  });

  it('finds NUL and unpaired surrogates in values, inside arrays, and in field names', () => {
    expect(unsafeInput('body', { lines: [{ note: 'ok' }, { note: 'x\u0000' }] })).toMatchObject({ path: 'body.lines.1.note', code: 'invalid_character' });
    expect(unsafeInput('query', { q: 'a\udfffb' })).toMatchObject({ path: 'query.q', code: 'invalid_character' });
    expect(unsafeInput('body', { q: 'high alone \ud83d' })).toMatchObject({ path: 'body.q' });
    expect(unsafeInput('body', { address: { ['st\u0000reet']: 'x' } })).toMatchObject({ path: 'body.address', code: 'invalid_character' });
  });

  it('never echoes the value in its message', () => {
    const problem = unsafeInput('body', { cpr: '0101901234\u0000' });
    expect(problem?.message).not.toContain('0101901234');
  });

  it('allows nesting up to the limit and refuses beyond it, at any depth without overflowing', () => {
    expect(unsafeInput('body', nested(MAX_DEPTH))).toBeNull();
    expect(unsafeInput('body', nested(MAX_DEPTH + 1))).toMatchObject({ code: 'too_deep', path: `body${'.a'.repeat(MAX_DEPTH)}` });
    expect(unsafeInput('body', nested(100_000))).toMatchObject({ code: 'too_deep' });
  });

  it('leaves a raw body (a CSV file) to its own parser', () => {
    expect(unsafeInput('body', Buffer.from('a;b\u0000'))).toBeNull();
  });
});
