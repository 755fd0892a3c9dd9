import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { accessLogStream, type CitizenRecordOpened } from '../citizens/access-log.js';
import { COMMAND_RUNNER, type CommandRunner } from '../infrastructure/commands/command-runner.js';
import type { CommandContext } from '../infrastructure/commands/command-context.js';

/**
 * Reading a citizen's history opens their record, so it is access-logged like any opening (DOMAIN §7), with
 * `fullCprShown: false`: the history masks every CPR number.
 *
 * Interim: this belongs to RecordCitizenOpenedCommand (src/citizens/citizen.commands.ts), which writes the same
 * event but always with `fullCprShown: true`. Once that command takes `fullCprShown`, the audit controller
 * should send it instead and this file goes.
 */
export class RecordHistoryOpenedCommand extends Command<void> {
  constructor(
    readonly context: CommandContext,
    readonly citizenId: string,
    readonly purpose: string,
  ) {
    super();
  }
}

@CommandHandler(RecordHistoryOpenedCommand)
export class RecordHistoryOpenedHandler implements ICommandHandler<RecordHistoryOpenedCommand> {
  constructor(@Inject(COMMAND_RUNNER) private readonly runner: CommandRunner) {}

  async execute({ context, citizenId, purpose }: RecordHistoryOpenedCommand): Promise<void> {
    // Append-only, like every opening: nothing to read or decide first.
    const event: CitizenRecordOpened = { type: 'CitizenRecordOpened', data: { citizenId, purpose, fullCprShown: false } };
    await this.runner.append(accessLogStream(citizenId), [event], context);
  }
}
