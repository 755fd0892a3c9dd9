import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { orderNumberCandidate, orderNumberDecider, orderNumberStream, type ReserveOrderNumber } from '../../src/orders/order-number.js';
import type { OrderNumberReserved } from '../../src/orders/order.events.js';
import { spec } from '../support/decider-spec.js';

const ORDER_ID = '0b8f6d1e-3c2a-4e5f-9a7b-1c2d3e4f5a6b';
const OTHER_ORDER_ID = '7e6d5c4b-3a29-4817-a6f5-e4d3c2b1a098';

describe('order number candidates: YYMMDD-NNNNNN', () => {
  it('the order date as YYMMDD, a dash and six digits', () => {
    const candidate = orderNumberCandidate(ORDER_ID, '2026-11-26', 0);
    expect(candidate).toMatch(/^\d{6}-\d{6}$/);
    expect(candidate.slice(0, 7)).toBe('261126-');
    expect(orderNumberCandidate(ORDER_ID, '2031-01-05', 3).slice(0, 7)).toBe('310105-');
  });

  it('for any order id, date and attempt the format holds and the prefix is the date', () => {
    const date = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), date, fc.nat({ max: 1000 }), (orderId, orderDate, attempt) => {
        const candidate = orderNumberCandidate(orderId, orderDate, attempt);
        expect(candidate).toMatch(/^\d{6}-\d{6}$/);
        expect(candidate.slice(0, 6)).toBe(`${orderDate.slice(2, 4)}${orderDate.slice(5, 7)}${orderDate.slice(8, 10)}`);
      }),
    );
  });

  it('deterministic per (order id, attempt): a retried request walks the same candidates', () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      expect(orderNumberCandidate(ORDER_ID, '2026-11-26', attempt)).toBe(orderNumberCandidate(ORDER_ID, '2026-11-26', attempt));
    }
  });

  it('the digits depend on the order id and attempt only, not on the date', () => {
    expect(orderNumberCandidate(ORDER_ID, '2026-11-26', 2).slice(7)).toBe(orderNumberCandidate(ORDER_ID, '2027-02-01', 2).slice(7));
  });

  it('different across attempts (a sample of ten) and across order ids', () => {
    const attempts = Array.from({ length: 10 }, (_, attempt) => orderNumberCandidate(ORDER_ID, '2026-11-26', attempt));
    expect(new Set(attempts).size).toBe(attempts.length);
    expect(orderNumberCandidate(OTHER_ORDER_ID, '2026-11-26', 0)).not.toBe(orderNumberCandidate(ORDER_ID, '2026-11-26', 0));
  });

  it('the reservation stream is named by the number', () => {
    expect(orderNumberStream('261126-048213')).toBe('ordernumber-261126-048213');
  });
});

describe('reserving an order number', () => {
  const NUMBER = '261126-048213';
  const reserve = (orderId: string): ReserveOrderNumber => ({ type: 'ReserveOrderNumber', data: { orderNumber: NUMBER, orderId } });
  const reserved = (orderId: string): OrderNumberReserved => ({ type: 'OrderNumberReserved', data: { orderNumber: NUMBER, orderId } });
  const numbers = spec(orderNumberDecider);

  it('a free number: OrderNumberReserved for the order', () => {
    numbers.given([]).when(reserve(ORDER_ID)).then([reserved(ORDER_ID)]);
  });

  it('the order’s own number again: no event (a retry finds its reservation)', () => {
    numbers.given([reserved(ORDER_ID)]).when(reserve(ORDER_ID)).thenNothing();
  });

  it('another order’s number: ORDER_NUMBER_TAKEN (409), so the caller tries the next candidate', () => {
    expect(numbers.given([reserved(OTHER_ORDER_ID)]).when(reserve(ORDER_ID)).thenThrows('ORDER_NUMBER_TAKEN').kind).toBe('conflict');
  });

  it('the first reservation holds: a later event cannot hand the number to another order', () => {
    numbers.given([reserved(OTHER_ORDER_ID), reserved(ORDER_ID)]).when(reserve(ORDER_ID)).thenThrows('ORDER_NUMBER_TAKEN');
    numbers.given([reserved(OTHER_ORDER_ID), reserved(ORDER_ID)]).when(reserve(OTHER_ORDER_ID)).thenNothing();
  });
});
