import { citizenDecider, citizenScope, citizenStream } from '../citizens/citizen.decider.js';
import type { CitizenEvent, CitizenStatus } from '../citizens/citizen.events.js';
import type { CitizenScope } from '../kernel/access-policy.js';
import type { StreamReader } from '../kernel/stream-reader.js';
import type { EventStore, RecordedEvent } from '../kernel/event-store.port.js';
import { grantStream } from './grant.decider.js';
import type { GrantEvent } from './grant.events.js';
import { evolveGrant, initialGrantState, type GrantState } from './grant.state.js';

/**
 * A citizen's grant as it was at a past instant (DOMAIN §7), folded from the events, not read from a read model.
 *
 * Decision: an event counts when it was *recorded* at or before `asOf` (`recordedAt`, the event store's clock),
 * not by `metadata.occurredAt` (the service's clock when the command ran). recordedAt is when the fact became
 * part of the record: "as of T" is what the service knew, and showed, at T, which is what an auditor
 * reconstructs. It is also always a prefix of the stream: appends to one stream are serialized and stamped by
 * one clock, so the state folded is one the grant really passed through and was decided on. occurredAt is
 * neither: a command may be dated in the past (the demo seed writes a dated history; tests run on a clock of
 * their own), so filtering by it could fold an order without the line it was placed on.
 * An event is stamped when written and visible when its transaction commits, moments later: an instant in the
 * last moments may still gain an event, which is why the route refuses instants in the future.
 */
export interface GrantAsOf {
  /**
   * Whom the record concerns, for the access decision, which is made today: the municipality and the citizen's
   * *current* status (a citizen removed since is hidden from municipal users in the past too).
   */
  readonly citizen: CitizenScope & { readonly status: CitizenStatus };
  /** The grant stream folded up to `asOf`; `{ status: 'none' }` when nothing was granted yet. */
  readonly grant: GrantState;
}

/** The events recorded at or before `asOf`, as the longest prefix of the stream (see the decision above). */
export function recordedUpTo(events: readonly RecordedEvent[], asOf: Date): RecordedEvent[] {
  const until = asOf.getTime();
  const end = events.findIndex((event, index) => event.revision !== index || event.recordedAt.getTime() > until);
  return end === -1 ? [...events] : events.slice(0, end);
}

/**
 * Reads the citizen's and the grant's streams and folds them up to `asOf` (events decoded and upcast by the
 * one stream reader, as every reader of a stream does). Null when the citizen was not registered yet at `asOf`.
 */
export async function loadGrantAsOf(
  events: Pick<EventStore, 'readStream'>,
  reader: Pick<StreamReader, 'decode'>,
  citizenId: string,
  asOf: Date,
): Promise<GrantAsOf | null> {
  const [citizenEvents, grantEvents] = await Promise.all([
    // The whole citizen stream: its prefix says whether the citizen existed then, its end their status now.
    events.readStream(citizenStream(citizenId)),
    events.readStream(grantStream(citizenId), { until: asOf }),
  ]);
  const foldCitizen = (recorded: readonly RecordedEvent[]) =>
    recorded.reduce((state, event) => citizenDecider.evolve(state, reader.decode(event) as CitizenEvent), citizenDecider.initialState);
  if (foldCitizen(recordedUpTo(citizenEvents, asOf)).status !== 'registered') return null;
  const now = foldCitizen(citizenEvents);
  const scope = citizenScope(now);
  if (!scope || now.status !== 'registered') return null;
  const citizen = { ...scope, status: now.citizenStatus };
  const grant = recordedUpTo(grantEvents, asOf).reduce((state, event) => evolveGrant(state, reader.decode(event) as GrantEvent), initialGrantState);
  return { citizen, grant };
}
