import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller.js';
import { GetCitizenAccessLogExtractHandler, GetCitizenAccessLogHandler, GetCitizenHistoryHandler } from './audit.queries.js';
import { CitizenEventReader } from './citizen-event-reader.js';

/**
 * History and audit (DOMAIN §7): a citizen's history and access log, read from the event store itself. Its
 * queries live here rather than with a read model because they have none.
 */
@Module({
  controllers: [AuditController],
  providers: [CitizenEventReader, GetCitizenHistoryHandler, GetCitizenAccessLogHandler, GetCitizenAccessLogExtractHandler],
})
export class AuditModule {}
