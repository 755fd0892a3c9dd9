import { Module } from '@nestjs/common';
import { OperationsController } from './operations.controller.js';
import { ProjectionsAdminController } from './projections-admin.controller.js';

@Module({ controllers: [OperationsController, ProjectionsAdminController] })
export class OperationsModule {}
