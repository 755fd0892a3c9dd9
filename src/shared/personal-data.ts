import { z } from 'zod';

/**
 * Which fields of an event payload are personal data, declared next to each event schema (defineEvent), and the
 * one value a personal field reads as once its data subject has been erased.
 *
 * Personal fields are written encrypted under a key of their data subject (a citizen, a staff user); erasing the
 * subject's key makes every such field of every event about them unreadable at once, without touching the log
 * (crypto-shredding, infrastructure/personal-data). What is left is the bookkeeping: ids, dates, item numbers,
 * quantities, amounts, invoice and credit note numbers.
 */

/** What every personal field of an erased data subject reads as: in deciders, projections, history and the API. */
export const ERASED = 'slettet';
export type Erased = typeof ERASED;

/**
 * A field schema that also accepts the erased value. Needed only where `ERASED` would not pass the schema as it
 * is (a CPR number's digits, a date, an enum); free text already accepts it.
 */
export const erasable = <Schema extends z.ZodType>(schema: Schema) => z.union([schema, z.literal(ERASED)]);

export const isErased = (value: unknown): value is Erased => value === ERASED;

export type DataSubjectKind = 'citizen' | 'user';

export interface PersonalDataDeclaration {
  /** Whose data the personal fields are: the payload field holding their id. Absent when nothing is personal. */
  readonly subject?: { readonly kind: DataSubjectKind; readonly field: string };
  /** Payload paths (`address`, `placedBy.name`) whose values are personal data. */
  readonly personal: readonly string[];
  /** Payload paths that are not: a field in neither list fails the declarations' test. */
  readonly notPersonal: readonly string[];
}

/** An event about no person: every field named, as not personal. */
export const noPersonalData = (...notPersonal: string[]): PersonalDataDeclaration => ({ personal: [], notPersonal });

/** Personal fields about the citizen named by the payload's `citizenId`. */
export const aboutCitizen = (personal: string[], notPersonal: string[]): PersonalDataDeclaration => ({
  subject: { kind: 'citizen', field: 'citizenId' },
  personal,
  notPersonal,
});

/** Personal fields about the staff user named by the payload's `userId`. */
export const aboutUser = (personal: string[], notPersonal: string[]): PersonalDataDeclaration => ({
  subject: { kind: 'user', field: 'userId' },
  personal,
  notPersonal,
});

/** The key id of a data subject: `citizen:<id>`, `user:<id>` (ids are generated, never personal data). */
export const dataSubject = (kind: DataSubjectKind, id: string): string => `${kind}:${id}`;
