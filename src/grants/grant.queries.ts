import { Query } from '@nestjs/cqrs';
import type { Principal } from '../identity/principal.js';
import type { GrantView } from './grant-view.js';

/** A citizen's grant as the overview shows it (DOMAIN §4.3); null when the caller may not see the citizen. */
export class GetGrant extends Query<GrantView | null> {
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
