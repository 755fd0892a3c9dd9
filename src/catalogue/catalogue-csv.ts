import { CATALOGUE_COLUMNS, type CatalogueColumn } from './catalogue-row.js';
import { formatKroner } from './money.js';
import type { ProductRow } from './product.events.js';

/**
 * Writes products in the import format of API.md: UTF-8, `;`-separated, a header row, kroner with a
 * decimal comma and thousands dots, `group` as a path, datasheet URLs space-separated. What this writes,
 * parseCatalogueCsv reads back to the same rows.
 */

export const catalogueCsvHeader = (): string => `${CATALOGUE_COLUMNS.join(';')}\n`;

export function catalogueCsvLine(product: ProductRow): string {
  const values: Record<CatalogueColumn, string> = {
    itemNumber: product.itemNumber,
    name: product.name,
    description: product.description,
    manufacturer: product.manufacturer,
    manufacturerRef: product.manufacturerRef,
    group: product.group.join(' > '),
    seriesId: product.seriesId ?? '',
    salesUnitName: product.salesUnit.name,
    piecesPerSalesUnit: String(product.salesUnit.pieces),
    listPrice: formatKroner(product.listPrice),
    datasheetUrls: product.datasheetUrls.join(' '),
  };
  return `${CATALOGUE_COLUMNS.map((column) => quoted(values[column])).join(';')}\n`;
}

/** `bom`: start with a byte-order mark, which spreadsheet programs need to recognise UTF-8. */
export function renderCatalogueCsv(products: Iterable<ProductRow>, options: { readonly bom?: boolean } = {}): string {
  const lines = [options.bom ? `\uFEFF${catalogueCsvHeader()}` : catalogueCsvHeader()];
  for (const product of products) lines.push(catalogueCsvLine(product));
  return lines.join('');
}

const quoted = (value: string): string => (/[";\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
