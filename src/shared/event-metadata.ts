import { z } from 'zod';
import { ROLES } from './actor.js';

/** Metadata on every event (ARCHITECTURE §4). The event id lives on the event itself. */
export const eventMetadataSchema = z.object({
  commandId: z.string(),
  correlationId: z.string(),
  causationId: z.string(),
  actor: z.object({ userId: z.string(), role: z.enum(ROLES), municipalityId: z.string().nullable() }),
  occurredAt: z.string(),
  schemaVersion: z.number().int().positive(),
});
export type EventMetadata = z.infer<typeof eventMetadataSchema>;
