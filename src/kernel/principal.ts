import type { Actor, Role } from '../shared/actor.js';

/** The authenticated caller of a request, as resolved from the session by the one auth guard. */
export interface Principal extends Actor {
  readonly name: string;
  readonly username: string;
  /** Grant areas a municipal user may see and change; empty for roles without area scoping. */
  readonly grantAreas: readonly string[];
  readonly sessionTokenHash: string;
  readonly mustChangePassword: boolean;
}

export const actorOf = (principal: Principal): Actor => ({
  userId: principal.userId,
  role: principal.role,
  municipalityId: principal.municipalityId,
});

export type { Role };
