import { describe, expect, it } from '@jest/globals';
import { CommandKeys } from './command-keys';

describe('The Idempotency-Key of a command a person may send twice', () => {
  const keys = () => {
    let issued = 0;
    return new CommandKeys(() => `key-${++issued}`);
  };

  it('the same body keeps its key: a double click or a retry after a lost connection is applied once', () => {
    const order = keys();
    expect(order.keyFor({ lines: [{ lineId: 'a', salesUnits: 1 }] })).toBe('key-1');
    expect(order.keyFor({ lines: [{ lineId: 'a', salesUnits: 1 }] })).toBe('key-1');
  });

  it('another body is another request, with a new key', () => {
    const order = keys();
    order.keyFor({ lines: [{ lineId: 'a', salesUnits: 1 }] });
    expect(order.keyFor({ lines: [{ lineId: 'a', salesUnits: 1 }], remarks: 'Ved døren' })).toBe('key-2');
  });

  it('after a definitive answer the same body again is a new attempt', () => {
    const order = keys();
    order.keyFor({ lines: [] });
    order.settled();
    expect(order.keyFor({ lines: [] })).toBe('key-2');
  });
});
