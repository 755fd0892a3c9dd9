import type { Actor } from '../shared/actor.js';

/** Everything a command carries besides its payload: who, when, and the ids that tie events to requests. */
export interface CommandContext {
  readonly commandId: string;
  readonly correlationId: string;
  readonly causationId: string;
  readonly actor: Actor;
  readonly now: Date;
}
