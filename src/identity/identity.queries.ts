import { Query } from '@nestjs/cqrs';
import type { UserRecord } from './identity.ports.js';

export class ListUsers extends Query<{ items: UserRecord[]; total: number }> {
  constructor(readonly filter: { municipalityId?: string; role?: string; page: number; pageSize: number }) {
    super();
  }
}

/** One municipality as its stream stands (null: not registered): its name, postal codes and grant areas. */
export class GetMunicipality extends Query<{ id: string; name: string; postalCodes: readonly string[]; grantAreas: readonly string[] } | null> {
  constructor(readonly municipalityId: string) {
    super();
  }
}

/** A municipality in the administrators' list: its number, name, how many postal codes, its grant areas. */
export interface MunicipalityRowView {
  readonly id: string;
  readonly name: string;
  readonly postalCodeCount: number;
  readonly grantAreas: readonly string[];
}

/** The municipalities by number; `q` (optional) keeps those whose number starts with it or whose name holds it. */
export class ListMunicipalities extends Query<MunicipalityRowView[]> {
  constructor(readonly q?: string) {
    super();
  }
}
