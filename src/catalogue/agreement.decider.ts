import { assertNever, type Decider } from '../shared/decider.js';
import { unprocessable } from '../shared/domain-error.js';
import { agreementItemSchema, type AgreementEvent, type AgreementItem } from './agreement.events.js';
import { isOere } from './money.js';
import { ITEM_NUMBER_PATTERN } from './product.events.js';

/**
 * A municipality's agreement assortment (stream `agreement-<municipalityId>`, DOMAIN §3): item number →
 * agreement price per sales unit, each for a period. Setting it replaces the whole assortment (PUT); an
 * item may appear more than once for consecutive periods (a price change mid-contract), never overlapping.
 * Whether the items exist in the catalogue is the application's check, not this stream's: the catalogue is
 * other streams.
 */

export interface AgreementItemInput {
  readonly itemNumber: string;
  readonly pricePerSalesUnit: number;
  readonly validFrom: string;
  readonly validTo?: string | null;
}

export interface SetAgreementAssortment {
  readonly type: 'SetAgreementAssortment';
  readonly data: { readonly municipalityId: string; readonly items: readonly AgreementItemInput[] };
}

/**
 * One item's periods on the agreement, the rest of the assortment as it stands (an empty list takes the item
 * off). The administrators' page edits one item at a time: deciding on the stream's own state means two
 * administrators editing different items never undo each other, and a page of a large agreement need not
 * send the thousands of items it did not touch. It records the same event as setting the whole assortment.
 */
export interface SetAgreementItem {
  readonly type: 'SetAgreementItem';
  readonly data: {
    readonly municipalityId: string;
    readonly itemNumber: string;
    readonly periods: readonly Omit<AgreementItemInput, 'itemNumber'>[];
  };
}

export type AgreementCommand = SetAgreementAssortment | SetAgreementItem;

export type AgreementState =
  | { readonly status: 'none' }
  | { readonly status: 'set'; readonly municipalityId: string; readonly items: readonly AgreementItem[] };

export const initialAgreementState: AgreementState = { status: 'none' };

export const agreementStream = (municipalityId: string): string => `agreement-${municipalityId}`;

// One event today; the switch still makes a new one a compile error until it is handled.
export function evolveAgreement(_state: AgreementState, event: AgreementEvent): AgreementState {
  switch (event.type) {
    case 'AgreementAssortmentSet':
      return { status: 'set', municipalityId: event.data.municipalityId, items: event.data.items };
    default:
      return assertNever(event.type);
  }
}

export function decideAgreement(command: AgreementCommand, state: AgreementState): AgreementEvent[] {
  switch (command.type) {
    case 'SetAgreementAssortment':
      return assortmentSet(command.data.municipalityId, canonicalItems(command.data.items), state);
    case 'SetAgreementItem': {
      const { municipalityId, itemNumber, periods } = command.data;
      // Refusals name a period by its place in `periods`: validated on their own before joining the rest.
      const item = canonicalItems(periods.map((period) => ({ ...period, itemNumber })));
      const others = (state.status === 'set' ? state.items : []).filter((current) => current.itemNumber !== itemNumber.trim());
      return assortmentSet(municipalityId, [...others, ...item].sort(compareItems), state);
    }
    default:
      return assertNever(command);
  }
}

function assortmentSet(municipalityId: string, items: AgreementItem[], state: AgreementState): AgreementEvent[] {
  const current = state.status === 'set' ? state.items : [];
  if (sameItems(items, current)) return [];
  const kept = new Set(items.map((item) => item.itemNumber));
  const removedItemNumbers = [...new Set(current.map((item) => item.itemNumber))].filter((itemNumber) => !kept.has(itemNumber));
  return [{ type: 'AgreementAssortmentSet', data: { municipalityId, items, removedItemNumbers } }];
}

export const agreementDecider: Decider<AgreementCommand, AgreementEvent, AgreementState> = {
  initialState: initialAgreementState,
  evolve: evolveAgreement,
  decide: decideAgreement,
};

/** Validated, with validTo null when open-ended, sorted by item number then validFrom. */
function canonicalItems(input: readonly AgreementItemInput[]): AgreementItem[] {
  const items = input.map((item, index) => validItem(item, index));
  const order = items.map((item, index) => ({ item, index })).sort((a, b) => compareItems(a.item, b.item));
  for (let next = 1; next < order.length; next++) {
    const earlier = order[next - 1]!;
    const later = order[next]!;
    // Sorted by validFrom, and every earlier pair already apart: only neighbours can overlap.
    const overlap = earlier.item.validTo === null || earlier.item.validTo >= later.item.validFrom;
    if (earlier.item.itemNumber === later.item.itemNumber && overlap) {
      throw unprocessable('AGREEMENT_PERIODS_OVERLAP', 'An item is on the agreement twice for overlapping periods', {
        itemNumber: later.item.itemNumber,
        indexes: [earlier.index, later.index].sort((a, b) => a - b),
      });
    }
  }
  return order.map(({ item }) => item);
}

function validItem(input: AgreementItemInput, index: number): AgreementItem {
  const item = { ...input, itemNumber: input.itemNumber.trim(), validTo: input.validTo ?? null };
  // Details name the item by its position; its item number only once it is known to be one (never a long value).
  if (!ITEM_NUMBER_PATTERN.test(item.itemNumber)) throw unprocessable('ITEM_NUMBER_INVALID', 'The item number is not valid', { index });
  const where = { index, itemNumber: item.itemNumber };
  if (!isOere(item.pricePerSalesUnit)) {
    throw unprocessable('AGREEMENT_PRICE_INVALID', 'The agreement price must be whole øre, 0 or more', where);
  }
  const parsed = agreementItemSchema.safeParse(item);
  if (!parsed.success) throw unprocessable('AGREEMENT_DATE_INVALID', 'validFrom and validTo must be dates YYYY-MM-DD', where);
  if (parsed.data.validTo !== null && parsed.data.validTo < parsed.data.validFrom) {
    throw unprocessable('AGREEMENT_PERIOD_INVALID', 'validTo must be on or after validFrom', where);
  }
  return parsed.data;
}

const compareItems = (a: AgreementItem, b: AgreementItem): number =>
  a.itemNumber < b.itemNumber ? -1 : a.itemNumber > b.itemNumber ? 1 : a.validFrom < b.validFrom ? -1 : a.validFrom > b.validFrom ? 1 : 0;

function sameItems(a: readonly AgreementItem[], b: readonly AgreementItem[]): boolean {
  return (
    a.length === b.length &&
    a.every(
      (item, index) =>
        item.itemNumber === b[index]!.itemNumber &&
        item.pricePerSalesUnit === b[index]!.pricePerSalesUnit &&
        item.validFrom === b[index]!.validFrom &&
        item.validTo === b[index]!.validTo,
    )
  );
}
