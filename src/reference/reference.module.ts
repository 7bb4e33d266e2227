import { Module } from '@nestjs/common';
import { ReferenceIndex } from './domain/reference-index';
import { ReferenceController } from './http/reference.controller';
import { loadReferenceData } from './seeds/load-reference-data';

@Module({
  controllers: [ReferenceController],
  providers: [
    {
      provide: ReferenceIndex,
      // Loaded and validated once at start-up; a SeedError (naming the file and path) stops the app.
      // SWSIM_SEEDS_DIR points at another set of seed files (a calibration variant, say).
      useFactory: () => new ReferenceIndex(loadReferenceData(process.env.SWSIM_SEEDS_DIR || undefined)),
    },
  ],
  exports: [ReferenceIndex],
})
export class ReferenceModule {}
