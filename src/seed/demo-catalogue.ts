import type { AgreementItem } from '../catalogue/agreement.events.js';
import { DEMO_MANUFACTURERS, DEMO_SERIES_BY_AREA, type DemoSeries, type DemoVariant } from './demo-series.js';
import type { ProductRow } from '../catalogue/product.events.js';

/**
 * The demo catalogue of SEED_DEMO=1 (API.md): a few hundred products in the six demo grant areas, in
 * series (sizes, absorbencies, diameters, CH sizes), with agreements for municipalities 101 and 751. Fixed
 * data, no randomness: every run, every machine, the same item numbers and prices. The manufacturers and
 * brands are invented, so no demo price can be mistaken for a real supplier's.
 *
 * Item numbers: 6 digits — grant area (1–6), series (2 digits), variant (3 digits).
 */

/** The demo products, in item-number order. */
export function demoCatalogue(): ProductRow[] {
  return DEMO_SERIES_BY_AREA.flatMap((seriesOfArea, area) =>
    seriesOfArea.flatMap((series, seriesIndex) =>
      series.variants.map((variant, variantIndex) =>
        productOf(series, variant, `${area + 1}${pad(seriesIndex + 1, 2)}${pad(variantIndex + 1, 3)}`),
      ),
    ),
  );
}

function productOf(series: DemoSeries, variant: DemoVariant, itemNumber: string): ProductRow {
  const slug = variant.label
    .toUpperCase()
    .replaceAll('Æ', 'AE')
    .replaceAll('Ø', 'OE')
    .replaceAll('Å', 'AA')
    .replace(/[^A-Z0-9]+/g, '');
  return {
    itemNumber,
    name: `${series.name} ${variant.label}`,
    description: series.description,
    manufacturer: series.manufacturer,
    manufacturerRef: `${series.code}-${slug}-${variant.pieces}`,
    group: [...series.group],
    seriesId: series.seriesId,
    salesUnit: { name: variant.unit ?? series.unit, pieces: variant.pieces },
    listPrice: variant.price,
    datasheetUrls: series.datasheet ? [`https://produktdata.example/datablade/${series.code.toLowerCase()}.pdf`] : [],
  };
}

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

// --- agreements -----------------------------------------------------------------------------------------

export interface DemoAgreement {
  readonly municipalityId: string;
  readonly items: AgreementItem[];
}

/** [seriesId, agreement price in % of the list price, validFrom, validTo] */
type Term = readonly [string, number, string, string | null];
const FROM = '2026-01-01';

const TERMS: Readonly<Record<string, readonly Term[]>> = {
  // København
  '101': [
    ['NV-SLIP', 82, FROM, null],
    ['HC-LADY', 85, FROM, null],
    // A price change mid-contract: two periods of one item, back to back.
    ['SK-COLO', 88, FROM, '2026-06-30'],
    ['SK-COLO', 86, '2026-07-01', null],
    ['SK-ILEO', 88, FROM, null],
    ['LC-MAND', 80, FROM, null],
    ['LC-KVINDE', 80, FROM, null],
    ['GL-STRIP', 90, FROM, '2026-12-31'],
    ['NF-KANYLE', 85, FROM, null],
    ['NN-PROTEIN', 87, FROM, null],
    ['MS-SKUM', 78, FROM, null],
  ],
  // Aarhus
  '751': [
    ['NV-PANTS', 84, FROM, null],
    ['HC-MEN', 86, FROM, null],
    ['NV-FORM', 83, FROM, '2026-12-31'],
    ['SK-URO', 90, FROM, null],
    ['SK-DUO-PLADE', 87, FROM, null],
    ['SK-DUO-POSE', 87, FROM, null],
    ['LC-SET', 82, FROM, null],
    ['HC-URIDOM', 85, FROM, '2026-03-31'],
    ['HC-URIDOM', 83, '2026-04-01', null],
    ['NF-KANYLE', 88, FROM, null],
    ['GL-SENSE', 92, FROM, null],
    ['NN-COMPACT', 86, FROM, null],
    ['NN-SONDE', 90, FROM, null],
    // Ended: shows that an expired agreement no longer stars the product.
    ['MS-ALGINAT', 80, FROM, '2026-06-30'],
    ['SV-KOMPRES', 75, FROM, null],
  ],
};

/** The agreements of the demo municipalities 101 and 751, each covering a different part of the catalogue. */
export function demoAgreements(): DemoAgreement[] {
  const catalogue = demoCatalogue();
  return Object.entries(TERMS).map(([municipalityId, terms]) => ({
    municipalityId,
    items: terms.flatMap(([seriesId, percent, validFrom, validTo]) =>
      catalogue
        .filter((product) => product.seriesId === seriesId)
        .map((product) => ({
          itemNumber: product.itemNumber,
          pricePerSalesUnit: wholeKronerShare(product.listPrice, percent),
          validFrom,
          validTo,
        })),
    ),
  }));
}

/** percent % of a price, rounded down to whole kroner, in integers. */
function wholeKronerShare(price: number, percent: number): number {
  const hundredthsOfOere = price * percent;
  return ((hundredthsOfOere - (hundredthsOfOere % 10_000)) / 10_000) * 100;
}

// --- benchmark catalogues -------------------------------------------------------------------------------

const MANUFACTURERS = [...Object.values(DEMO_MANUFACTURERS), 'Vestkyst Medico', 'Fyns Hjælpemidler'];

/**
 * `count` products in the demo's vocabulary, for benchmarks: the demo catalogue, then copies of it as the
 * series of further, invented lines (item number prefixed with the copy's number, so all are unique).
 */
export function* generateCatalogue(count: number): Generator<ProductRow> {
  const templates = demoCatalogue();
  for (let index = 0; index < count; index++) {
    const template = templates[index % templates.length]!;
    const copy = Math.floor(index / templates.length);
    if (copy === 0) {
      yield template;
      continue;
    }
    yield {
      ...template,
      itemNumber: `${copy}${template.itemNumber}`,
      manufacturer: MANUFACTURERS[copy % MANUFACTURERS.length]!,
      manufacturerRef: `${template.manufacturerRef}-${copy}`,
      seriesId: template.seriesId === null ? null : `${template.seriesId}-${copy}`,
      listPrice: template.listPrice + (copy % 40) * 100,
    };
  }
}
