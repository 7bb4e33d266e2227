import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ReferenceIndex } from '../reference/domain/reference-index';
import { ReferenceModule } from '../reference/reference.module';
import { GetPlanHandler } from './application/get-plan.handler';
import { PlanningCatalogue } from './application/planning-catalogue';
import { Planner } from './domain/planner';
import { REFORMS } from './domain/reforms/reform-catalogue';
import { OptionsController } from './http/options.controller';
import { PlansController } from './http/plans.controller';
import { ReformsController } from './http/reforms.controller';

@Module({
  imports: [CqrsModule, ReferenceModule],
  controllers: [PlansController, ReformsController, OptionsController],
  providers: [
    // One planner per process: it caches plans by declaration class, which replay and the API share.
    { provide: Planner, useFactory: (ref: ReferenceIndex) => new Planner(ref, REFORMS), inject: [ReferenceIndex] },
    PlanningCatalogue,
    GetPlanHandler,
  ],
  exports: [Planner, PlanningCatalogue],
})
export class PlanningModule {}
