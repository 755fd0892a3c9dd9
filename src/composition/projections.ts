import { citizensProjection } from '../../projections/citizens.projection.js';
import type { ProjectedEvent } from '../kernel/projection.js';
import { grantsProjection } from '../../projections/grants.projection.js';
import { municipalitiesProjection } from '../../projections/municipalities.projection.js';
import { ordersProjection } from '../../projections/orders.projection.js';
import { productGroupsProjection } from '../../projections/product-groups.projection.js';
import { productsProjection } from '../../projections/products.projection.js';
import { usersProjection } from '../../projections/users.projection.js';
import type { RecordedEvent } from '../kernel/event-store.port.js';
import type { AnyProjection } from '../infrastructure/projections/apply-batch.js';
import { eventMetadataSchema } from '../shared/event-metadata.js';
import { createEventRegistry } from './event-registry.js';

/** Every projection the service runs (the composition root is the one place that knows them all). */
export const allProjections: readonly AnyProjection[] = [
  usersProjection,
  citizensProjection,
  productsProjection,
  productGroupsProjection,
  grantsProjection,
  ordersProjection,
  municipalitiesProjection,
];

const registry = createEventRegistry();

/** Upcasts and validates an event for the projections; a malformed one throws, and the runner parks it. */
export function decodeEvent(recorded: RecordedEvent): ProjectedEvent {
  const metadata = eventMetadataSchema.parse(recorded.metadata);
  const { data } = registry.decode(recorded.type, recorded.data, metadata.schemaVersion);
  return {
    type: recorded.type,
    data,
    eventId: recorded.eventId,
    streamName: recorded.streamName,
    revision: recorded.revision,
    position: recorded.position,
    recordedAt: recorded.recordedAt,
    metadata,
  };
}
