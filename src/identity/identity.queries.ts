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
