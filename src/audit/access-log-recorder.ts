import { Inject, Injectable } from '@nestjs/common';
import type { AccessLog } from '../kernel/access-log.port.js';
import type { CommandContext } from '../kernel/command-context.js';
import { COMMAND_RUNNER, type CommandRunner } from '../kernel/command-runner.js';
import { accessLogStream, type CitizenRecordOpened } from './access-log.js';

/** The access log (access-log.ts) as the other contexts record into it. */
@Injectable()
export class AccessLogRecorder implements AccessLog {
  constructor(@Inject(COMMAND_RUNNER) private readonly runner: CommandRunner) {}

  async recordOpened(context: CommandContext, citizenId: string, purpose: string, fullCprShown: boolean): Promise<void> {
    // Append-only: every look-up is recorded, whatever came before, so nothing needs to be read first.
    const event: CitizenRecordOpened = { type: 'CitizenRecordOpened', data: { citizenId, purpose, fullCprShown } };
    await this.runner.append(accessLogStream(citizenId), [event], context);
  }
}
