import { describe, expect, it } from '@jest/globals';
import { agreementDecider, agreementStream, type AgreementItemInput, type SetAgreementAssortment, type SetAgreementItem } from '../../src/catalogue/agreement.decider.js';
import { agreementEventDefinitions, type AgreementEvent, type AgreementItem } from '../../src/catalogue/agreement.events.js';
import { agreementPriceOn, agreementPricesOn, callerPrice } from '../../src/catalogue/agreement-price.js';
import { EventRegistry } from '../../src/shared/event-schema.js';
import { spec } from '../support/decider-spec.js';

const MUNICIPALITY = '101';

const set = (...items: AgreementItemInput[]): SetAgreementAssortment => ({ type: 'SetAgreementAssortment', data: { municipalityId: MUNICIPALITY, items } });
const assortmentSet = (...items: AgreementItem[]): AgreementEvent => ({
  type: 'AgreementAssortmentSet',
  data: { municipalityId: MUNICIPALITY, items, removedItemNumbers: [] },
});
/** The event names the items the new assortment drops, so read models can take their star away. */
const dropping = (event: AgreementEvent, ...removedItemNumbers: string[]): AgreementEvent => ({ ...event, data: { ...event.data, removedItemNumbers } });

const item = (itemNumber: string, pricePerSalesUnit: number, validFrom = '2026-01-01', validTo: string | null = null): AgreementItem => ({
  itemNumber,
  pricePerSalesUnit,
  validFrom,
  validTo,
});

const agreement = spec(agreementDecider);

describe('setting a municipality’s agreement assortment (DOMAIN §3; PUT semantics)', () => {
  it('records the whole assortment, open-ended periods with validTo null', () => {
    agreement
      .given([])
      .when(set({ itemNumber: '301004', pricePerSalesUnit: 103900, validFrom: '2026-01-01' }, { itemNumber: '101001', pricePerSalesUnit: 16300, validFrom: '2026-01-01', validTo: '2026-12-31' }))
      .then([assortmentSet(item('101001', 16300, '2026-01-01', '2026-12-31'), item('301004', 103900))]);
  });

  it('replaces the previous assortment as a whole: an item left out is no longer on agreement', () => {
    agreement
      .given([assortmentSet(item('101001', 16300), item('301004', 103900))])
      .when(set(item('301004', 103900)))
      .then([dropping(assortmentSet(item('301004', 103900)), '101001')]);
  });

  it('the same assortment again, in any order, appends nothing', () => {
    agreement.given([assortmentSet(item('101001', 16300), item('301004', 103900))]).when(set(item('301004', 103900), item('101001', 16300))).thenNothing();
  });

  it('an empty assortment where there is none appends nothing; emptying an existing one is recorded', () => {
    agreement.given([]).when(set()).thenNothing();
    agreement.given([assortmentSet(item('101001', 16300))]).when(set()).then([dropping(assortmentSet(), '101001')]);
  });

  it('one item may be on agreement for consecutive periods: a price change mid-contract', () => {
    agreement
      .given([])
      .when(set(item('201001', 78000, '2026-07-01'), item('201001', 79000, '2026-01-01', '2026-06-30')))
      .then([assortmentSet(item('201001', 79000, '2026-01-01', '2026-06-30'), item('201001', 78000, '2026-07-01'))]);
  });

  it('a price of 0 is allowed (a product given free under the contract)', () => {
    agreement.given([]).when(set(item('101001', 0))).then([assortmentSet(item('101001', 0))]);
  });

  it.each([
    ['the later period starts on the last day of the earlier (both inclusive)', item('201001', 1, '2026-01-01', '2026-06-30'), item('201001', 2, '2026-06-30')],
    ['an open-ended period and any later one', item('201001', 1, '2026-01-01'), item('201001', 2, '2027-01-01', '2027-12-31')],
    ['the same item twice for the same period', item('201001', 1), item('201001', 1)],
    ['one period inside another', item('201001', 1, '2026-01-01', '2026-12-31'), item('201001', 2, '2026-03-01', '2026-03-31')],
  ])('overlapping periods of one item are refused: %s', (_case, first, second) => {
    const error = agreement.given([]).when(set(first, second)).thenThrows('AGREEMENT_PERIODS_OVERLAP');
    expect(error.kind).toBe('unprocessable');
    expect(error.details).toEqual({ itemNumber: '201001', indexes: [0, 1] });
  });

  it('validTo before validFrom is refused; validTo on validFrom is a one-day period', () => {
    const error = agreement.given([]).when(set(item('101001', 100), item('101002', 100, '2026-02-01', '2026-01-31'))).thenThrows('AGREEMENT_PERIOD_INVALID');
    expect(error.details).toEqual({ index: 1, itemNumber: '101002' });
    agreement.given([]).when(set(item('101002', 100, '2026-02-01', '2026-02-01'))).then([assortmentSet(item('101002', 100, '2026-02-01', '2026-02-01'))]);
  });

  it.each([
    ['a negative price', { itemNumber: '101001', pricePerSalesUnit: -1, validFrom: '2026-01-01' }, 'AGREEMENT_PRICE_INVALID'],
    ['a price in fractions of øre', { itemNumber: '101001', pricePerSalesUnit: 99.5, validFrom: '2026-01-01' }, 'AGREEMENT_PRICE_INVALID'],
    ['a date that does not exist', { itemNumber: '101001', pricePerSalesUnit: 100, validFrom: '2026-02-29' }, 'AGREEMENT_DATE_INVALID'],
    ['a date not written YYYY-MM-DD', { itemNumber: '101001', pricePerSalesUnit: 100, validFrom: '1/1/2026' }, 'AGREEMENT_DATE_INVALID'],
    ['an invalid validTo', { itemNumber: '101001', pricePerSalesUnit: 100, validFrom: '2026-01-01', validTo: '2026-13-01' }, 'AGREEMENT_DATE_INVALID'],
    ['an invalid item number', { itemNumber: 'product 1', pricePerSalesUnit: 100, validFrom: '2026-01-01' }, 'ITEM_NUMBER_INVALID'],
  ])('%s is refused', (_case, input, code) => {
    expect(agreement.given([]).when(set(input)).thenThrows(code).kind).toBe('unprocessable');
  });

  it('is kept in the stream agreement-<municipalityId>, and its event passes its registered schema', () => {
    expect(agreementStream('751')).toBe('agreement-751');
    const event = assortmentSet(item('101001', 16300, '2026-01-01', '2026-06-30'), item('301004', 103900));
    expect(new EventRegistry(agreementEventDefinitions).encode(event).data).toEqual(event.data);
  });
});

/**
 * Both ends inclusive: agreements are written "fra og med 1. januar til og med 30. juni", so validTo is the
 * last day on agreement, as the administrator types it; the next period starts the day after.
 */
describe('the agreement price on a date: star = non-null', () => {
  const items = [item('201001', 79000, '2026-01-01', '2026-06-30'), item('201001', 78000, '2026-07-01'), item('101001', 16300, '2026-03-01', '2026-03-31')];

  it.each<[string, string, number | null, string]>([
    ['201001', '2025-12-31', null, 'the day before validFrom'],
    ['201001', '2026-01-01', 79000, 'validFrom itself (inclusive)'],
    ['201001', '2026-06-30', 79000, 'validTo itself (inclusive)'],
    ['201001', '2026-07-01', 78000, 'the next period’s first day'],
    ['201001', '2099-12-31', 78000, 'any day of an open-ended period'],
    ['101001', '2026-02-28', null, 'before a closed period'],
    ['101001', '2026-03-31', 16300, 'the last day of a closed period'],
    ['101001', '2026-04-01', null, 'the day after validTo'],
    ['999999', '2026-03-15', null, 'an item not on the agreement'],
  ])('%s on %s → %p (%s)', (itemNumber, date, price) => {
    expect(agreementPriceOn(items, itemNumber, date)).toBe(price);
  });

  it('prices a whole page at once: every item on agreement on the date', () => {
    expect(agreementPricesOn(items, '2026-03-31')).toEqual(new Map([['201001', 79000], ['101001', 16300]]));
    expect(agreementPricesOn(items, '2026-07-01')).toEqual(new Map([['201001', 78000]]));
  });

  it('the caller sees the agreement price when starred, else the list price; per sales unit and per piece', () => {
    const product = { listPrice: 129950, salesUnit: { name: 'æske', pieces: 30 } };
    expect(callerPrice(product, 103900)).toEqual({ onAgreement: true, pricePerSalesUnit: 103900, pricePerPiece: 3463 });
    expect(callerPrice(product, null)).toEqual({ onAgreement: false, pricePerSalesUnit: 129950, pricePerPiece: 4332 });
    expect(callerPrice(product, 0)).toEqual({ onAgreement: true, pricePerSalesUnit: 0, pricePerPiece: 0 });
  });
});

const setItem = (itemNumber: string, ...periods: Omit<AgreementItemInput, 'itemNumber'>[]): SetAgreementItem => ({
  type: 'SetAgreementItem',
  data: { municipalityId: MUNICIPALITY, itemNumber, periods },
});

describe('setting one item of an agreement (the administrators’ page)', () => {
  it('adds an item to the assortment as it stands, in the canonical order', () => {
    agreement
      .given([assortmentSet(item('101001', 16300), item('301004', 103900))])
      .when(setItem('201002', { pricePerSalesUnit: 500, validFrom: '2026-01-01', validTo: '2026-06-30' }, { pricePerSalesUnit: 450, validFrom: '2026-07-01' }))
      .then([assortmentSet(item('101001', 16300), item('201002', 500, '2026-01-01', '2026-06-30'), item('201002', 450, '2026-07-01'), item('301004', 103900))]);
  });

  it('replaces every period of that item and no other; the same periods again record nothing', () => {
    const before = assortmentSet(item('101001', 16300), item('201002', 500, '2025-01-01', '2025-12-31'), item('201002', 450, '2026-01-01'));
    agreement.given([before]).when(setItem('201002', { pricePerSalesUnit: 400, validFrom: '2026-02-01' })).then([assortmentSet(item('101001', 16300), item('201002', 400, '2026-02-01'))]);
    agreement.given([before]).when(setItem('101001', { pricePerSalesUnit: 16300, validFrom: '2026-01-01', validTo: null })).then([]);
  });

  it('no periods take the item off (named for the read models); an item not on the agreement is no change', () => {
    agreement
      .given([assortmentSet(item('101001', 16300), item('301004', 103900))])
      .when(setItem('101001'))
      .then([dropping(assortmentSet(item('301004', 103900)), '101001')]);
    agreement.given([assortmentSet(item('301004', 103900))]).when(setItem('101001')).then([]);
    agreement.given([]).when(setItem('101001')).then([]);
  });

  it('refuses a period that ends before it starts, or overlapping periods, naming them by their place among the item’s periods', () => {
    const given = agreement.given([assortmentSet(item('101001', 16300), item('101002', 1), item('101003', 1))]);
    expect(given.when(setItem('201002', { pricePerSalesUnit: 1, validFrom: '2026-05-01', validTo: '2026-04-30' })).thenThrows('AGREEMENT_PERIOD_INVALID').details).toMatchObject({ index: 0 });
    const overlap = agreement
      .given([])
      .when(setItem('201002', { pricePerSalesUnit: 1, validFrom: '2026-01-01', validTo: '2026-06-30' }, { pricePerSalesUnit: 2, validFrom: '2026-06-30' }))
      .thenThrows('AGREEMENT_PERIODS_OVERLAP');
    expect(overlap.details).toMatchObject({ itemNumber: '201002', indexes: [0, 1] });
  });
});
