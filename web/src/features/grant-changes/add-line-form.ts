import { typedDate } from '../../lib/dates';
import type { RefusalPlaces } from '../../lib/form-errors';
import { formatDate } from '../../lib/format';
import { allowanceInputOf, NO_ALLOWANCE, type AllowanceDraft } from './allowance-draft';
import type { AddLineBody, LineKind, ProductRow } from './api';

/** "Tilføj ny vare" (user guide p. 5–6): the product picked, then its area, kind, dates and allowance. */
export interface AddLineForm {
  readonly product: ProductRow | null;
  readonly grantArea: string;
  readonly kind: LineKind;
  /** As typed, dd.mm.åååå. */
  readonly startDate: string;
  readonly endDate: string;
  readonly allowance: AllowanceDraft;
}

export const ADD_LINE_FIELDS = ['product', 'grantArea', 'kind', 'startDate', 'endDate', 'grantedMax', 'salesUnitsPerOrder'] as const;

/** The refusals of POST …/grant/lines at the field they concern; the rest go to the error summary. */
export const ADD_LINE_REFUSALS: RefusalPlaces = {
  codes: {
    LINE_ALREADY_ACTIVE: 'product',
    PRODUCT_DISCONTINUED: 'product',
    PRODUCT_UNKNOWN: 'product',
    GRANT_AREA_FORBIDDEN: 'grantArea',
    END_DATE_REQUIRED: 'endDate',
    END_DATE_NOT_ALLOWED: 'endDate',
    END_DATE_BEFORE_START: 'endDate',
    SALES_UNITS_PER_ORDER_INVALID: 'salesUnitsPerOrder',
  },
  paths: {
    itemNumber: 'product',
    allowance: 'grantedMax',
    'allowance.grantedMax': 'grantedMax',
    'allowance.quantity': 'grantedMax',
    'allowance.salesUnitsPerOrder': 'salesUnitsPerOrder',
  },
};

/** The form as it opens: no product yet, a continuous line starting today, no allowance. */
export function newAddLineForm(today: string): AddLineForm {
  return { product: null, grantArea: '', kind: 'continuous', startDate: formatDate(today), endDate: '', allowance: NO_ALLOWANCE };
}

/** A product picked from the results: the grant area follows its group ("Stomi > Poser") if the user has that area. */
export function withProduct(form: AddLineForm, product: ProductRow, userAreas: readonly string[]): AddLineForm {
  const groupArea = product.group.split('>')[0]?.trim() ?? '';
  const grantArea = userAreas.includes(groupArea) ? groupArea : form.grantArea;
  return { ...form, product, grantArea, allowance: form.product?.itemNumber === product.itemNumber ? form.allowance : NO_ALLOWANCE };
}

type Field = (typeof ADD_LINE_FIELDS)[number];

/** The body of "Tilføj bevillingsvare", or what to fix first (in Danish, by field). */
export function addLineBody(form: AddLineForm): { body: AddLineBody } | { errors: Partial<Record<Field, string>> } {
  const errors: Partial<Record<Field, string>> = {};
  if (!form.product) errors.product = 'Vælg et produkt i søgeresultatet.';
  if (!form.grantArea) errors.grantArea = 'Vælg et bevillingsområde.';
  const startDate = typedDate(form.startDate, 'Angiv startdatoen.');
  if ('error' in startDate) errors.startDate = startDate.error;
  const endDate = form.kind === 'one_time' ? typedDate(form.endDate, 'Angiv slutdatoen for engangsbevillingen.') : null;
  if (endDate && 'error' in endDate) errors.endDate = endDate.error;
  const allowance = allowanceInputOf(form.allowance);
  if ('errors' in allowance) Object.assign(errors, allowance.errors);
  if (Object.keys(errors).length > 0 || !form.product || 'errors' in allowance || 'error' in startDate || (endDate && 'error' in endDate)) return { errors };
  return {
    body: {
      itemNumber: form.product.itemNumber,
      grantArea: form.grantArea,
      kind: form.kind,
      startDate: startDate.date,
      ...(endDate ? { endDate: endDate.date } : {}),
      ...(allowance.allowance === null ? {} : { allowance: allowance.allowance }),
    },
  };
}
