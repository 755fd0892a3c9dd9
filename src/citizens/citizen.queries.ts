import { Query } from '@nestjs/cqrs';
import type { Principal } from '../kernel/principal.js';
import type { Erased } from '../shared/personal-data.js';
import type { CitizenStatus } from './citizen.events.js';

/** Query contracts of the citizen context; their handlers live with the read models that answer them. */

export interface CitizenSearchCriteria {
  readonly cpr?: string;
  readonly name?: string;
  readonly address?: string;
  readonly city?: string;
  readonly postalCode?: string;
  readonly grantArea?: string;
  readonly itemNumber?: string;
  readonly status: CitizenStatus;
  readonly sort: CitizenSort;
  readonly page: number;
  readonly pageSize: number;
}

export const CITIZEN_SORTS = ['name', '-name', 'city', '-city', 'postalCode', '-postalCode'] as const;
export type CitizenSort = (typeof CITIZEN_SORTS)[number];

export interface CitizenSearchRow {
  readonly citizenId: string;
  readonly cprMasked: string;
  readonly name: string;
  readonly address: string;
  readonly city: string;
  readonly postalCode: string;
  /** The supplier's staff search across municipalities and need to see whose citizen a row is. */
  readonly municipalityId: string;
  readonly status: CitizenStatus;
  readonly grantAreas: readonly string[];
  readonly nextOrderDate: string | null;
}

export interface CitizenSearchResult {
  readonly items: readonly CitizenSearchRow[];
  readonly page: number;
  readonly pageSize: number;
  readonly total: number;
}

export interface CitizenProfile {
  readonly citizenId: string;
  readonly municipalityId: string;
  readonly cpr: string;
  readonly cprMasked: string;
  readonly birthDate: string;
  /** `slettet` (like every personal field) once the citizen's personal data is erased. */
  readonly gender: 'male' | 'female' | Erased;
  readonly firstName: string;
  readonly lastName: string;
  readonly address: { readonly street: string; readonly postalCode: string; readonly city: string };
  readonly phone: string | null;
  readonly email: string | null;
  readonly webshopUsername: string;
  readonly status: CitizenStatus;
  readonly grantAreas: readonly string[];
  /** The citizen's personal data is erased (GDPR): what the record still says is bookkeeping. */
  readonly erased: boolean;
}

export class SearchCitizens extends Query<CitizenSearchResult> {
  constructor(
    readonly principal: Principal,
    readonly criteria: CitizenSearchCriteria,
    /** Europe/Copenhagen date the next order dates are computed for. */
    readonly today: string,
  ) {
    super();
  }
}

/** Null when the citizen does not exist or the caller may not see them (the edge answers 404 either way). */
export class GetCitizen extends Query<CitizenProfile | null> {
  constructor(
    readonly principal: Principal,
    readonly citizenId: string,
  ) {
    super();
  }
}
