import type { RefusalPlaces } from '../../lib/form-errors';
import { typedDate } from '../../lib/dates';
import { formatDate } from '../../lib/format';
import { allowanceInputOf, draftOf, sameAllowance, type AllowanceDraft } from './allowance-draft';
import type { ChangeLineBody, GrantLine, LineKind } from './api';

/**
 * "Redigér" (user guide p. 8): "Status" → "Inaktiv", "Ret bevilget max.", one-time ↔ continuous, the end date;
 * "Gem ændringer" sends only what changed.
 */
export interface EditLineForm {
  readonly status: 'ACTIVE' | 'INACTIVE';
  readonly kind: LineKind;
  /** As typed, dd.mm.åååå. */
  readonly endDate: string;
  readonly allowance: AllowanceDraft;
}

export const EDIT_LINE_FIELDS = ['status', 'kind', 'endDate', 'grantedMax', 'salesUnitsPerOrder'] as const;
type Field = (typeof EDIT_LINE_FIELDS)[number];

export const EDIT_LINE_REFUSALS: RefusalPlaces = {
  codes: {
    END_DATE_REQUIRED: 'endDate',
    END_DATE_NOT_ALLOWED: 'endDate',
    END_DATE_BEFORE_START: 'endDate',
    SALES_UNITS_PER_ORDER_INVALID: 'salesUnitsPerOrder',
  },
  paths: {
    allowance: 'grantedMax',
    'allowance.grantedMax': 'grantedMax',
    'allowance.quantity': 'grantedMax',
    'allowance.salesUnitsPerOrder': 'salesUnitsPerOrder',
  },
};

export function editFormOf(line: GrantLine): EditLineForm {
  return { status: line.status, kind: line.kind, endDate: line.endDate ? formatDate(line.endDate) : '', allowance: draftOf(line.allowance) };
}

/** Anything the user changed, saved or not: leaving then asks first ("NB: husk at gemme!"). */
export function isDirty(line: GrantLine, form: EditLineForm): boolean {
  const initial = editFormOf(line);
  return (
    form.status !== initial.status ||
    form.kind !== initial.kind ||
    (form.kind === 'one_time' && form.endDate !== initial.endDate) ||
    JSON.stringify(form.allowance) !== JSON.stringify(initial.allowance)
  );
}

/**
 * The body of "Gem ændringer" (PATCH …/lines/:lineId), null when nothing is to be saved. Inactivating sends only
 * the status: nothing else of an inactive line matters. A new kind carries the end date and a changed allowance
 * with it (the service grants the item anew with them).
 */
export function changeBody(line: GrantLine, form: EditLineForm): { body: ChangeLineBody | null } | { errors: Partial<Record<Field, string>> } {
  if (form.status === 'INACTIVE') return { body: line.status === 'INACTIVE' ? null : { status: 'INACTIVE' } };
  const errors: Partial<Record<Field, string>> = {};
  const endDate = form.kind === 'one_time' ? typedDate(form.endDate, 'Angiv slutdatoen for engangsbevillingen.') : null;
  if (endDate && 'error' in endDate) errors.endDate = endDate.error;
  const allowance = allowanceInputOf(form.allowance);
  if ('errors' in allowance) Object.assign(errors, allowance.errors);
  if (Object.keys(errors).length > 0 || 'errors' in allowance || (endDate && 'error' in endDate)) return { errors };

  const allowanceChanged = !sameAllowance(form.allowance, draftOf(line.allowance));
  const body: ChangeLineBody = {
    ...(form.kind !== line.kind ? { kind: form.kind } : {}),
    ...(allowanceChanged ? { allowance: allowance.allowance } : {}),
    ...(endDate && (form.kind !== line.kind || endDate.date !== line.endDate) ? { endDate: endDate.date } : {}),
  };
  return { body: Object.keys(body).length > 0 ? body : null };
}
