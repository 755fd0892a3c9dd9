import type { GrantEvent } from '../src/grants/grant.events.js';
import { evolveGrant, initialGrantState } from '../src/grants/grant.state.js';
import { grantsReadModel, type GrantDocument } from '../read-models/grants/grants.read-model.js';
import type { ProjectedEvent, Projection } from '../src/kernel/projection.js';

type Event = ProjectedEvent<GrantEvent['type']> & GrantEvent;

/** The grant decider's own evolve: the read model holds exactly the state the decisions were made on. */
export const grantsProjection: Projection<GrantDocument, Event> = {
  readModel: grantsReadModel,
  handles: [
    'GrantLineAdded',
    'GrantLineAllowanceChanged',
    'GrantLineEndDateChanged',
    'GrantLineInactivated',
    'GrantLineReactivated',
    'GrantLinesInactivatedForStatus',
    'GrantLinesRestored',
    'GrantOrderPlaced',
    'GrantOrderLinesGivenBack',
    'GrantOrderLinesDelivered',
  ],
  documentIds: (event) => [event.data.citizenId],
  evolve: (doc, event) => ({ citizenId: event.data.citizenId, state: evolveGrant(doc?.state ?? initialGrantState, event) }),
};
