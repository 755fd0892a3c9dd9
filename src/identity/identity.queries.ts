import { Query } from '@nestjs/cqrs';
import type { UserRecord } from './identity.ports.js';

export class ListUsers extends Query<{ items: UserRecord[]; total: number }> {
  constructor(readonly filter: { municipalityId?: string; role?: string; page: number; pageSize: number }) {
    super();
  }
}
