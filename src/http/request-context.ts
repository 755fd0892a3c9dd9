import type { CommandContext } from '../kernel/command-context.js';
import { actorOf, type Principal } from '../kernel/principal.js';
import { newId } from '../shared/ids.js';
import type { AuthenticatedRequest } from './auth.decorators.js';

/** The command context of an HTTP request: its principal, its correlation id, and a command id that an Idempotency-Key makes stable. */
export function commandContext(request: AuthenticatedRequest, principal: Principal, now = request.receivedAt ?? new Date()): CommandContext {
  const correlationId = request.correlationId ?? newId();
  return {
    commandId: request.commandId ?? newId(),
    correlationId,
    causationId: correlationId,
    actor: actorOf(principal),
    now,
  };
}
