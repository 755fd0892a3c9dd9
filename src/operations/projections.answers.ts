import { z } from 'zod';

/** What the administrators' projection routes answer, as schemas for the OpenAPI document (the portal's "Projektioner"). */
export const projectionsAnswer = z.object({
  items: z.array(
    z.object({
      name: z.string(),
      caughtUp: z.boolean(),
      lagSeconds: z.number().describe('Age of the oldest event not yet processed; 0 when caught up'),
      parked: z.number().int().describe('Events the projection could not handle and set aside'),
      healthy: z.boolean().describe("False while the projection's commits or subscription keep failing"),
      lastError: z.string().nullable(),
    }),
  ),
});

export const parkedEventsAnswer = z.object({
  items: z.array(
    z.object({
      position: z.string(),
      eventId: z.string(),
      eventType: z.string(),
      streamName: z.string(),
      error: z.string(),
      attempts: z.number().int(),
      parkedAt: z.string(),
    }),
  ),
});

export const replayAnswer = z.object({ outcome: z.enum(['replayed', 'parked-again']) });
