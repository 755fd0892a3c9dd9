/** Who did something: carried on every command and recorded on every event. */
export const ROLES = [
  'caseworker',
  'nurse',
  'orderer',
  'citizen',
  'customer_service',
  'auditor',
  'admin',
  'integration',
  'system',
] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  readonly userId: string;
  readonly role: Role;
  /** Set for municipal users and citizens; null for the supplier's staff and the system. */
  readonly municipalityId: string | null;
}

export const SYSTEM_ACTOR: Actor = { userId: 'system', role: 'system', municipalityId: null };
