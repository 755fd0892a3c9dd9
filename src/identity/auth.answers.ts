import { z } from 'zod';
import { ROLES } from '../shared/actor.js';

/**
 * What login, password change and GET /me answer, as schemas for the OpenAPI document (the portal's client is
 * typed from it). `idleTimeoutSeconds` is SESSION_IDLE_SECONDS: the portal warns a minute before a session
 * ends for inactivity.
 */
const sessionUser = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  municipalityId: z.string().nullable(),
  grantAreas: z.array(z.string()),
});

export const sessionAnswer = z.object({
  token: z.string(),
  expiresAt: z.string().describe('When the session ends if unused (ISO-8601)'),
  mustChangePassword: z.boolean(),
  passwordChangeReason: z
    .enum(['one-time', 'expired'])
    .nullable()
    .describe('Why the password must be changed before anything else: a one-time password issued by staff, or one older than the maximum age; null when it need not'),
  idleTimeoutSeconds: z.number().int(),
  user: sessionUser,
});

export const meAnswer = sessionUser.extend({
  username: z.string(),
  mustChangePassword: z.boolean(),
  idleTimeoutSeconds: z.number().int(),
});
