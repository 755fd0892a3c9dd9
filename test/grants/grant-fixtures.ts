import type { Allowance } from '../../src/grants/allowance.js';
import type { GrantLineAdded } from '../../src/grants/grant.events.js';

/** Shared by the grant tests: one fictitious citizen, DOMAIN §4.1's first rows, and a line as added. */
export const CITIZEN_ID = '5f1c2a9e-8b7d-4c3e-a1f0-2d4b6c8e0a13';

/** 4 a day over 3 months in boxes of 30: DOMAIN §4.1's first row. */
export const FOUR_A_DAY: Allowance = { quantity: 4, per: 'day', periodMonths: 3, grantedMax: 13, salesUnitsPerOrder: 13 };
export const TWO_A_DAY: Allowance = { quantity: 2, per: 'day', periodMonths: 3, grantedMax: 7, salesUnitsPerOrder: 7 };

/** A continuous Stomi line of boxes of 30 with FOUR_A_DAY from 31 January; the allowance takes effect at the start. */
export function lineAdded(data: Partial<GrantLineAdded['data']> = {}): GrantLineAdded {
  const startDate = data.startDate ?? '2026-01-31';
  return {
    type: 'GrantLineAdded',
    data: {
      citizenId: CITIZEN_ID,
      lineId: 'line-1',
      itemNumber: '301004',
      productName: 'Stomipose Åben',
      piecesPerSalesUnit: 30,
      grantArea: 'Stomi',
      kind: 'continuous',
      startDate,
      endDate: null,
      allowance: FOUR_A_DAY,
      allowanceEffectiveDate: startDate,
      ...data,
    },
  };
}
