import { z } from 'zod';
import { ROLES } from '../shared/actor.js';
import { STAFF_ROLES } from './user.decider.js';

/**
 * What the administrators' account and municipality routes answer, as schemas for the OpenAPI document (the
 * portal's "Administration" pages are typed from it).
 */
export const userItem = z.object({
  userId: z.string(),
  username: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.enum(ROLES),
  municipalityId: z.string().nullable(),
  grantAreas: z.array(z.string()),
  disabled: z.boolean(),
  lockedUntil: z.string().nullable().describe('When a lock after repeated failed logins ends (ISO-8601); null when not locked'),
});

export const usersAnswer = z.object({
  items: z.array(userItem),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});

export const createdUserAnswer = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.enum(STAFF_ROLES),
  municipalityId: z.string().nullable(),
  grantAreas: z.array(z.string()),
  position: z.string().nullable(),
  invitation: z.enum(['sent', 'failed']).describe('Whether the set-password e-mail went out; if not, send it again'),
});

export const municipalityAnswer = z.object({
  id: z.string(),
  name: z.string(),
  postalCodes: z.array(z.string()),
  grantAreas: z.array(z.string()),
});

export const municipalitiesAnswer = z.object({
  items: z.array(
    z.object({
      id: z.string().describe('The 3-digit municipality code'),
      name: z.string(),
      postalCodeCount: z.number().int(),
      grantAreas: z.array(z.string()),
    }),
  ),
});
