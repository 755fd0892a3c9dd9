import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { loadGrantAsOf } from '../../src/grants/grant-as-of.js';
import { GetGrantAsOf, type GrantAsOfView } from '../../src/grants/grant.queries.js';
import { grantView } from '../../src/grants/grant-view.js';
import { canSeeCitizen } from '../../src/kernel/access-policy.js';
import { STREAM_READER, type StreamReader } from '../../src/kernel/stream-reader.js';
import { EVENT_STORE, type EventStore } from '../../src/kernel/event-store.port.js';
import { READ_MODEL_STORE, type ReadModelStore } from '../../src/kernel/read-model-store.port.js';
import { copenhagenDate } from '../../src/shared/time.js';
import { citizensReadModel, type CitizenDocument } from '../citizens/citizens.read-model.js';
import { catalogueFacts, grantCitizenOf } from './grant-query-handlers.js';

/**
 * GET /citizens/:id/grant?asOf= (DOMAIN §7): the grant folded from its events up to the instant (grant-as-of.ts),
 * shown as the overview shows it on that instant's Copenhagen date, so windows, ordered, delivered and the next
 * order date are those of that day. It lives beside the read model only for the catalogue and the citizen's
 * heading: the grant itself comes from the event store, never from the grants read model.
 */
@QueryHandler(GetGrantAsOf)
export class GetGrantAsOfHandler implements IQueryHandler<GetGrantAsOf> {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(STREAM_READER) private readonly reader: StreamReader,
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
  ) {}

  async execute({ principal, citizenId, includeInactive, asOf }: GetGrantAsOf): Promise<GrantAsOfView | null> {
    const found = await loadGrantAsOf(this.events, this.reader, citizenId, asOf);
    if (!found || !canSeeCitizen(principal, found.citizen)) return null;
    // Who the citizen is today, as the overview shows it; like the catalogue, only this comes from a read model.
    const citizen = await this.store.get<CitizenDocument>(citizensReadModel.name, citizenId);
    if (!citizen) return null;
    const { grant } = found;
    const itemNumbers = grant.status === 'granted' ? grant.lines.map((line) => line.itemNumber) : [];
    // Decision: product names, stars and prices are today's catalogue and agreement, as in the overview. The
    // grant stream records none of them (only the name a line was added with); the catalogue of then would be
    // its own fold of the product and agreement streams.
    const catalogue = await catalogueFacts(this.store, itemNumbers, found.citizen.municipalityId, copenhagenDate(new Date()));
    const view = grantView({
      citizenId,
      state: grant,
      today: copenhagenDate(asOf),
      includeInactive,
      viewer: { role: principal.role, grantAreas: principal.grantAreas },
      catalogue,
    });
    const restoredOnReopen = grant.status === 'granted' ? [...(grant.removedLineIds ?? [])] : [];
    return { citizenId: view.citizenId, asOf: asOf.toISOString(), citizen: grantCitizenOf(citizen), areas: view.areas, restoredOnReopen };
  }
}
