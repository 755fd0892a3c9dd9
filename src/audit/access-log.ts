import { z } from 'zod';
import { defineEvent, type EventOf } from '../shared/event-schema.js';
import { aboutCitizen } from '../shared/personal-data.js';

/**
 * DOMAIN §7: every opening of a citizen's record and every display of a full CPR number is itself recorded —
 * who (in the event's actor), when, which citizen, and the purpose given. One append-only stream per citizen,
 * so a citizen's extract (dates and purposes) is one stream read.
 */
export const CitizenRecordOpened = defineEvent(
  'CitizenRecordOpened',
  z.object({ citizenId: z.string(), purpose: z.string(), fullCprShown: z.boolean() }),
  // The purpose is typed by staff and may say anything about the citizen; who looked is the actor, kept.
  { personalData: aboutCitizen(['purpose'], ['citizenId', 'fullCprShown']) },
);
export type CitizenRecordOpened = EventOf<typeof CitizenRecordOpened>;
export const accessLogEventDefinitions = [CitizenRecordOpened] as const;

export const accessLogStream = (citizenId: string) => `citizenaccess-${citizenId}`;
