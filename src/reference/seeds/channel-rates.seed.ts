// Schema of seeds/channel-rates.json: yellow and red channel shares per commodity risk class.

import { Type } from 'class-transformer';
import { IsArray, IsIn, IsNumber, Max, Min, ValidateNested } from 'class-validator';
import type { ChannelRates, CommodityRisk } from '../domain/reference-data';
import { RISKS } from './hs-headings.seed';
import { SeedFile, SourcedSeed } from './seed-schema';

export class ChannelRatesSeed extends SourcedSeed implements ChannelRates {
  @IsIn(RISKS)
  risk!: CommodityRisk;

  /** Share of declarations, 0 to 1. */
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  yellow!: number;

  /** Share of declarations, 0 to 1. */
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  red!: number;
}

export class ChannelRatesFile extends SeedFile {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ChannelRatesSeed)
  items!: ChannelRatesSeed[];
}
