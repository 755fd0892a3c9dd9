import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { agreementDecider } from '../../src/catalogue/agreement.decider.js';
import { agreementPriceOn } from '../../src/catalogue/agreement-price.js';
import { renderCatalogueCsv } from '../../src/catalogue/catalogue-csv.js';
import { parseCatalogueFile } from '../../src/catalogue/catalogue-file.js';
import { demoAgreements, demoCatalogue, generateCatalogue } from '../../src/seed/demo-catalogue.js';
import { productDecider } from '../../src/catalogue/product.decider.js';
import type { ProductRow } from '../../src/catalogue/product.events.js';

const DEMO_GRANT_AREAS = ['Inkontinens', 'Stomi', 'Kateter', 'Diabetes', 'Ernæring', 'Sårpleje'];

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('the demo catalogue (SEED_DEMO=1)', () => {
  const catalogue = demoCatalogue();

  // Fingerprints of the exact data: a change to the demo data must be deliberate (update them then), and
  // nothing may depend on the clock, the locale or the machine.
  it('is the same on every run and every machine', () => {
    expect(sha256(renderCatalogueCsv(demoCatalogue()))).toBe('e3b7bc31cae366af2e4326c0f34ec97e46d91e6cda893f5415c5d5c50b04b9da');
    expect(sha256(JSON.stringify(demoAgreements()))).toBe('04e1c1b373d6aaf66dcea994ac3998fd57dc781a61f483644893a26e9eb82774');
  });

  it('has a few hundred products with unique item numbers, in item-number order', () => {
    expect(catalogue.length).toBeGreaterThanOrEqual(200);
    expect(catalogue.length).toBeLessThan(1000);
    const itemNumbers = catalogue.map((product) => product.itemNumber);
    expect(new Set(itemNumbers).size).toBe(itemNumbers.length);
    expect([...itemNumbers].sort()).toEqual(itemNumbers);
  });

  it('covers the six demo grant areas, each with several groups or series', () => {
    expect([...new Set(catalogue.map((product) => product.group[0]))]).toEqual(DEMO_GRANT_AREAS);
    for (const area of DEMO_GRANT_AREAS) {
      const series = new Set(catalogue.filter((product) => product.group[0] === area).map((product) => product.seriesId));
      expect(series.size).toBeGreaterThanOrEqual(5);
    }
  });

  it('groups sizes and variants in series of several products that share a group', () => {
    const bySeries = new Map<string, ProductRow[]>();
    for (const product of catalogue) {
      if (product.seriesId !== null) bySeries.set(product.seriesId, [...(bySeries.get(product.seriesId) ?? []), product]);
    }
    for (const products of bySeries.values()) {
      expect(products.length).toBeGreaterThanOrEqual(2);
      expect(new Set(products.map((product) => product.group.join(' > '))).size).toBe(1);
      expect(new Set(products.map((product) => product.name)).size).toBe(products.length);
    }
    expect(catalogue.some((product) => product.seriesId === null)).toBe(true);
  });

  it('sells in sales units of several pieces, at list prices in whole øre', () => {
    const units = new Set(catalogue.map((product) => product.salesUnit.name));
    for (const unit of ['æske', 'pose', 'pakke', 'karton']) expect(units).toContain(unit);
    expect(catalogue.find((product) => product.name === 'Lyngby Cath Mand Nelaton CH 14')).toMatchObject({
      salesUnit: { name: 'æske', pieces: 30 },
      listPrice: 129950,
    });
    for (const product of catalogue) expect(Number.isSafeInteger(product.listPrice) && product.listPrice > 0).toBe(true);
  });

  it('every row passes the import parser unchanged, as CSV and as JSON', () => {
    const csv = parseCatalogueFile(renderCatalogueCsv(catalogue));
    expect(csv.rejected).toEqual([]);
    expect(csv.rows.map((row) => row.product)).toEqual(catalogue);
    const json = catalogue.map(({ salesUnit, ...product }) => ({ ...product, salesUnitName: salesUnit.name, piecesPerSalesUnit: salesUnit.pieces, listPrice: product.listPrice / 100 }));
    expect(parseCatalogueFile(JSON.stringify(json)).rows.map((row) => row.product)).toEqual(catalogue);
  });

  it('every row imports into its product stream', () => {
    for (const row of catalogue) {
      expect(productDecider.decide({ type: 'ImportProduct', data: { row } }, productDecider.initialState)).toEqual([{ type: 'ProductAdded', data: row }]);
    }
  });
});

describe('the demo agreements', () => {
  const catalogue = demoCatalogue();
  const agreements = demoAgreements();

  it('exist for municipalities 101 and 751, from 2026-01-01, some with an end date', () => {
    expect(agreements.map((agreement) => agreement.municipalityId)).toEqual(['101', '751']);
    for (const { items } of agreements) {
      expect(items.some((item) => item.validFrom === '2026-01-01')).toBe(true);
      expect(items.some((item) => item.validTo !== null)).toBe(true);
    }
  });

  it('each covers a different part of the catalogue, only products that exist, below the list price', () => {
    const [copenhagen, aarhus] = agreements.map((agreement) => new Set(agreement.items.map((item) => item.itemNumber)));
    expect(copenhagen!.size).toBeLessThan(catalogue.length / 2);
    expect(aarhus!.size).toBeLessThan(catalogue.length / 2);
    expect([...copenhagen!].filter((itemNumber) => !aarhus!.has(itemNumber)).length).toBeGreaterThan(50);
    const listPrice = new Map(catalogue.map((product) => [product.itemNumber, product.listPrice]));
    for (const { items } of agreements) {
      for (const item of items) expect(item.pricePerSalesUnit).toBeLessThan(listPrice.get(item.itemNumber)!);
    }
  });

  it('each is accepted by the agreement decider', () => {
    for (const { municipalityId, items } of agreements) {
      const events = agreementDecider.decide({ type: 'SetAgreementAssortment', data: { municipalityId, items } }, agreementDecider.initialState);
      expect(events).toHaveLength(1);
    }
  });

  it('shows a price change mid-year and an agreement that has ended', () => {
    const items = agreements.find((agreement) => agreement.municipalityId === '751')!.items;
    const uridom = catalogue.find((product) => product.seriesId === 'HC-URIDOM')!.itemNumber;
    expect(agreementPriceOn(items, uridom, '2026-03-31')).not.toEqual(agreementPriceOn(items, uridom, '2026-04-01'));
    const alginate = catalogue.find((product) => product.seriesId === 'MS-ALGINAT')!.itemNumber;
    expect(agreementPriceOn(items, alginate, '2026-06-30')).not.toBeNull();
    expect(agreementPriceOn(items, alginate, '2026-07-01')).toBeNull();
  });
});

describe('the benchmark catalogue generator', () => {
  it('writes any number of rows, deterministically, with unique item numbers, starting with the demo catalogue', () => {
    const rows = [...generateCatalogue(2_000)];
    expect(rows).toHaveLength(2_000);
    expect(rows).toEqual([...generateCatalogue(2_000)]);
    expect(new Set(rows.map((row) => row.itemNumber)).size).toBe(2_000);
    expect(rows.slice(0, demoCatalogue().length)).toEqual(demoCatalogue());
    const parsed = parseCatalogueFile(renderCatalogueCsv(rows));
    expect(parsed.rejected).toEqual([]);
    expect(parsed.rows).toHaveLength(2_000);
  });
});
