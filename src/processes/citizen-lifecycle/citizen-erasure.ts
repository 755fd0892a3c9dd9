import { Inject, Injectable } from '@nestjs/common';
import { citizenDecider, citizenStream } from '../../citizens/citizen.decider.js';
import { grantDecider, grantStream } from '../../grants/grant.decider.js';
import type { CommandContext } from '../../kernel/command-context.js';
import { COMMAND_RUNNER, type CommandRunner } from '../../kernel/command-runner.js';
import type { Position, RecordedEvent } from '../../kernel/event-store.port.js';
import { isRemovalStatus } from '../../citizens/citizen.events.js';
import { notFound } from '../../shared/domain-error.js';
import { CitizenLifecycle } from './citizen-lifecycle.js';

/** The retention rule the job applies: whole years after the removal, and why (recorded on the event). */
export interface ErasureRule {
  readonly retentionYears: number;
  readonly reason: string;
}

export interface ErasureResult {
  /** True when this run recorded the erasure; false when the citizen was erased already (a re-run). */
  readonly erased: boolean;
  /** Where the erasure lies in the log (or the stream's last event for a re-run): for read-your-writes. */
  readonly position: Position | null;
}

/**
 * GDPR erasure of one removed citizen's personal data, the domain half of it: the CitizenPersonalDataErased
 * event, decided by the citizen decider (removed, and the retention period after the removal run out). It deletes
 * no key: the retention job calls this, and deletes the citizen's key once it answers (crypto-shredding); from
 * then on every personal field of every event about the citizen reads `slettet`.
 *
 * Before the event, while the CPR number and the webshop username can still be read, their registrations are
 * given up (the removal's effect did that already, unless it never finished): afterwards nobody could find them
 * again, and the number could never be registered for a new citizen.
 */
@Injectable()
export class CitizenErasure {
  constructor(
    @Inject(COMMAND_RUNNER) private readonly runner: CommandRunner,
    @Inject(CitizenLifecycle) private readonly lifecycle: CitizenLifecycle,
  ) {}

  async eraseCitizenPersonalData(citizenId: string, rule: ErasureRule, context: CommandContext): Promise<ErasureResult> {
    const folded = await this.runner.readFolded(citizenStream(citizenId), citizenDecider);
    const citizen = folded.state;
    if (citizen.status !== 'registered') throw notFound('Citizen not found');
    // Removed (and not erased yet): the refusals of a citizen who is not (CITIZEN_NOT_REMOVED) are the decider's.
    const removing = isRemovalStatus(citizen.citizenStatus) && !citizen.erased;
    if (removing) await this.lifecycle.releaseRegistrations(citizenId, citizen, context);
    const orderIds = removing ? await this.orderIdsOf(citizenId) : [];
    const result = await this.runner.run({
      streamName: citizenStream(citizenId),
      decider: citizenDecider,
      command: {
        type: 'EraseCitizenPersonalData',
        data: {
          citizenId,
          // A removed citizen has a removal event; were it missing, now: the retention period would not be over.
          removedAt: lastRemovalAt(folded.events) ?? context.now.toISOString(),
          retentionYears: rule.retentionYears,
          reason: rule.reason,
          now: context.now.toISOString(),
          orderIds,
        },
      },
      context,
      retriesOnConflict: 3,
      loaded: folded,
    });
    // A repeated command (the same command id) answers the first run's event, appending nothing.
    const repeated = folded.commands.has(context.commandId);
    return { erased: result.events.length > 0 && !repeated, position: result.position };
  }

  /** Every order of the citizen: the grant counts each one before its order stream is written (place-order.handler.ts). */
  private async orderIdsOf(citizenId: string): Promise<string[]> {
    const { state } = await this.runner.load(grantStream(citizenId), grantDecider);
    if (state.status !== 'granted') return [];
    return [...new Set(state.lines.flatMap((line) => line.orders.map((order) => order.orderId)))];
  }
}

/**
 * When the removal now in force happened: the occurredAt of the stream's last CitizenRemoved. Undefined when
 * there is none (the citizen is not removed, which the decider refuses before it looks at the instant).
 */
export function lastRemovalAt(events: readonly RecordedEvent[]): string | undefined {
  const removal = events.findLast((event) => event.type === 'CitizenRemoved');
  const occurredAt = removal?.metadata.occurredAt;
  return typeof occurredAt === 'string' ? occurredAt : undefined;
}
