import { Query } from '@nestjs/cqrs';
import type { Principal } from '../kernel/principal.js';
import type { calculateAllowance, PeriodMonths, RateUnit } from './allowance.js';
import type { Address, CitizenStatus } from '../citizens/citizen.events.js';
import type { GrantView } from './grant-view.js';

/**
 * Whom a grant belongs to, as the grant page heads it ("Borgers bevilling"): the name, the masked CPR number, the
 * address an order is delivered to, and the status that decides whether an order can be placed. Never the full
 * CPR number: showing that is access-logged with a purpose (GET /citizens/:id?purpose=).
 */
export interface GrantCitizen {
  readonly name: string;
  readonly cprMasked: string;
  readonly address: Address;
  readonly status: CitizenStatus;
}

export interface GrantOverview extends GrantView {
  readonly citizen: GrantCitizen;
}

/** A citizen's grant as the overview shows it (DOMAIN §4.3); null when the caller may not see the citizen. */
export class GetGrant extends Query<GrantOverview | null> {
  constructor(
    readonly principal: Principal,
    readonly citizenId: string,
    readonly includeInactive: boolean,
    /** Europe/Copenhagen date the windows are computed for. */
    readonly today: string,
  ) {
    super();
  }
}

/** GET /citizens/:id/grant?asOf=…: the grant view as of that instant, and the instant it was computed for. */
export interface GrantAsOfView {
  readonly citizenId: string;
  /** The instant asked for, as ISO-8601 UTC (millisecond precision: the store's). */
  readonly asOf: string;
  /** The citizen as they are today (like the catalogue's names and prices). */
  readonly citizen: GrantCitizen;
  readonly areas: GrantView['areas'];
  /** The lines the citizen's removal inactivated, which a reopening restores (empty: none pending). */
  readonly restoredOnReopen: readonly string[];
}

/**
 * A citizen's grant exactly as it was at a past instant (DOMAIN §7): folded from the events of the grant
 * stream recorded up to `asOf` (grant-as-of.ts), never read from the grants read model. Null when the citizen
 * did not exist yet at `asOf`, or the caller may not see them.
 */
export class GetGrantAsOf extends Query<GrantAsOfView | null> {
  constructor(
    readonly principal: Principal,
    readonly citizenId: string,
    readonly includeInactive: boolean,
    readonly asOf: Date,
  ) {
    super();
  }
}

/** "Udregn bevilget max." (DOMAIN §4.1): the arithmetic on the product's sales unit; nothing is written. */
export class CalculateAllowance extends Query<ReturnType<typeof calculateAllowance>> {
  constructor(readonly input: { quantity: number; per: RateUnit; periodMonths: PeriodMonths; itemNumber: string }) {
    super();
  }
}
