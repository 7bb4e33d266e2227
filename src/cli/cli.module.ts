import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { PlanningModule } from '../planning/planning.module';

/** What the CLI needs: the planning module (and the reference data under it), without an HTTP server. */
@Module({ imports: [CqrsModule.forRoot(), PlanningModule] })
export class CliModule {}
