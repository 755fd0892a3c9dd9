import { Inject, Injectable } from '@nestjs/common';
import { CommandHandler, QueryHandler, type ICommandHandler, type IQueryHandler } from '@nestjs/cqrs';
import { productDecider, productStream } from '../catalogue/product.decider.js';
import { citizenDecider, citizenScope, citizenStream } from '../citizens/citizen.decider.js';
import { assertCanSeeCitizen } from '../kernel/access-policy.js';
import type { Principal } from '../kernel/principal.js';
import { COMMAND_RUNNER, type CommandRunner } from '../kernel/command-runner.js';
import type { CommandContext } from '../kernel/command-context.js';
import type { LoadedStream } from '../kernel/stream-reader.js';
import type { Position } from '../kernel/event-store.port.js';
import { DomainError, unprocessable } from '../shared/domain-error.js';
import { deterministicUuid } from '../shared/ids.js';
import { copenhagenDate } from '../shared/time.js';
import { calculateAllowance } from './allowance.js';
import { grantDecider, grantStream, type GrantCommand } from './grant.decider.js';
import { findLine, type GrantState } from './grant.state.js';
import { AddGrantLineRequest, ChangeGrantLineRequest, ReactivateGrantLineRequest } from './grant.requests.js';
import { CalculateAllowance } from './grant.queries.js';

/**
 * What the grant decider needs from other streams, read where it is decided: the citizen (visible to the
 * caller? ACTIVE?) and the product (pieces per sales unit, name).
 */
@Injectable()
export class GrantFacts {
  constructor(@Inject(COMMAND_RUNNER) private readonly runner: CommandRunner) {}

  async citizen(principal: Principal, citizenId: string) {
    const { state } = await this.runner.load(citizenStream(citizenId), citizenDecider);
    assertCanSeeCitizen(principal, citizenScope(state));
    return { citizenActive: state.status === 'registered' && state.citizenStatus === 'ACTIVE' };
  }

  async product(itemNumber: string, { forNewLine }: { forNewLine: boolean }) {
    const { state } = await this.runner.load(productStream(itemNumber), productDecider);
    if (state.status === 'none') throw unprocessable('PRODUCT_UNKNOWN', 'The item number is not in the catalogue', { itemNumber });
    if (forNewLine && state.status === 'discontinued') {
      throw unprocessable('PRODUCT_DISCONTINUED', 'The product is discontinued and cannot be granted anew', { itemNumber });
    }
    return { itemNumber, name: state.product.name, piecesPerSalesUnit: state.product.salesUnit.pieces };
  }

  /** The line's item number, with the grant it was read from: the command on the grant decides on that read. */
  async lineItemNumber(citizenId: string, lineId: string): Promise<{ itemNumber: string; grant: LoadedStream<GrantState> }> {
    const grant = await this.runner.load(grantStream(citizenId), grantDecider);
    const line = findLine(grant.state, lineId);
    if (!line) throw new DomainError('not_found', 'LINE_NOT_FOUND', 'Grant line not found');
    return { itemNumber: line.itemNumber, grant };
  }
}

const base = (principal: Principal, citizenId: string, citizenActive: boolean, context: CommandContext) => ({
  citizenId,
  actor: { role: principal.role, grantAreas: principal.grantAreas },
  citizenActive,
  today: copenhagenDate(context.now),
});

/** One request may carry several changes (PATCH): each is its own command, with an id of its own. */
const step = (context: CommandContext, name: string): CommandContext => ({ ...context, commandId: deterministicUuid(context.commandId, name) });

@CommandHandler(AddGrantLineRequest)
export class AddGrantLineHandler implements ICommandHandler<AddGrantLineRequest> {
  constructor(
    @Inject(COMMAND_RUNNER) private readonly runner: CommandRunner,
    @Inject(GrantFacts) private readonly facts: GrantFacts,
  ) {}

  async execute({ principal, context, citizenId, input }: AddGrantLineRequest) {
    const { citizenActive } = await this.facts.citizen(principal, citizenId);
    const product = await this.facts.product(input.itemNumber, { forNewLine: true });
    const lineId = deterministicUuid(context.commandId, 'grant-line');
    const result = await this.runner.run({
      streamName: grantStream(citizenId),
      decider: grantDecider,
      command: { type: 'AddGrantLine', data: { ...base(principal, citizenId, citizenActive, context), ...input, lineId, product } },
      context,
    });
    return { lineId, position: result.position };
  }
}

@CommandHandler(ChangeGrantLineRequest)
export class ChangeGrantLineHandler implements ICommandHandler<ChangeGrantLineRequest> {
  constructor(
    @Inject(COMMAND_RUNNER) private readonly runner: CommandRunner,
    @Inject(GrantFacts) private readonly facts: GrantFacts,
  ) {}

  async execute({ principal, context, citizenId, lineId, input }: ChangeGrantLineRequest) {
    const { citizenActive } = await this.facts.citizen(principal, citizenId);
    const common = { ...base(principal, citizenId, citizenActive, context), lineId };
    const commands: Array<[string, GrantCommand]> = [];
    // The grant as read for the line's product, if it was: the first command decides on that read.
    let loaded: LoadedStream<GrantState> | undefined;
    const piecesPerSalesUnit = async () => {
      const { itemNumber, grant } = await this.facts.lineItemNumber(citizenId, lineId);
      loaded = grant;
      return (await this.facts.product(itemNumber, { forNewLine: false })).piecesPerSalesUnit;
    };
    if (input.kind !== undefined) {
      // The kind carries the allowance and end date with it: a new kind may mean a new line (ChangeGrantLineKind).
      const { kind, allowance, endDate } = input;
      const data = { ...common, newLineId: deterministicUuid(context.commandId, 'grant-line'), kind, piecesPerSalesUnit: await piecesPerSalesUnit() };
      commands.push(['kind', { type: 'ChangeGrantLineKind', data: { ...data, ...(allowance === undefined ? {} : { allowance }), ...(endDate === undefined ? {} : { endDate }) } }]);
    } else {
      if (input.allowance !== undefined) {
        commands.push(['allowance', { type: 'ChangeGrantLineAllowance', data: { ...common, piecesPerSalesUnit: await piecesPerSalesUnit(), allowance: input.allowance } }]);
      }
      if (input.endDate !== undefined) commands.push(['end-date', { type: 'ChangeGrantLineEndDate', data: { ...common, endDate: input.endDate } }]);
    }
    // Inactivating comes last: the other changes are refused on an inactive line.
    if (input.status === 'INACTIVE') commands.push(['inactivate', { type: 'InactivateGrantLine', data: { ...common, reason: input.reason ?? null } }]);
    let position: Position | null = null;
    let current = lineId;
    for (const [name, command] of commands) {
      const result = await this.runner.run({ streamName: grantStream(citizenId), decider: grantDecider, command, context: step(context, name), ...(loaded ? { loaded } : {}) });
      loaded = undefined;
      position = result.position;
      current = result.events.find((event) => event.type === 'GrantLineAdded')?.data.lineId ?? current;
    }
    // The line that holds the item now: a new one when the kind changed.
    return { position, lineId: current };
  }
}

@CommandHandler(ReactivateGrantLineRequest)
export class ReactivateGrantLineHandler implements ICommandHandler<ReactivateGrantLineRequest> {
  constructor(
    @Inject(COMMAND_RUNNER) private readonly runner: CommandRunner,
    @Inject(GrantFacts) private readonly facts: GrantFacts,
  ) {}

  async execute({ principal, context, citizenId, lineId, allowance }: ReactivateGrantLineRequest) {
    const { citizenActive } = await this.facts.citizen(principal, citizenId);
    const { itemNumber, grant } = await this.facts.lineItemNumber(citizenId, lineId);
    const { piecesPerSalesUnit } = await this.facts.product(itemNumber, { forNewLine: false });
    const result = await this.runner.run({
      loaded: grant,
      streamName: grantStream(citizenId),
      decider: grantDecider,
      command: {
        type: 'ReactivateGrantLine',
        data: { ...base(principal, citizenId, citizenActive, context), lineId, piecesPerSalesUnit, ...(allowance === undefined ? {} : { allowance }) },
      },
      context,
    });
    return { position: result.position };
  }
}

/** "Udregn bevilget max.": no state change, the arithmetic of DOMAIN §4.1 on the product's sales unit. */
@QueryHandler(CalculateAllowance)
export class CalculateAllowanceHandler implements IQueryHandler<CalculateAllowance> {
  constructor(@Inject(GrantFacts) private readonly facts: GrantFacts) {}

  async execute({ input }: CalculateAllowance) {
    const { piecesPerSalesUnit } = await this.facts.product(input.itemNumber, { forNewLine: false });
    return calculateAllowance({ ...input, piecesPerSalesUnit });
  }
}
