// Schema of seeds/cost-items.json: fees, waiting costs and financing rates a plan can incur.

import { Type } from 'class-transformer';
import { IsArray, IsIn, IsNotEmpty, IsNumber, IsString, Matches, Min, ValidateNested } from 'class-validator';
import type { CostItem, CostUnit } from '../domain/reference-data';
import { ALPHA_3, KEBAB_ID, SeedFile, SourcedSeed } from './seed-schema';

export const PERCENT_UNITS: CostUnit[] = ['percent-of-secured-amount', 'percent-per-year'];
const COST_UNITS: CostUnit[] = ['per-declaration', 'per-conveyance', 'per-conveyance-hour', 'per-sample', 'per-carnet', ...PERCENT_UNITS];

export class CostItemSeed extends SourcedSeed implements CostItem {
  @Matches(KEBAB_ID, { message: 'must be a kebab-case id' })
  id!: string;

  @IsString()
  @IsNotEmpty()
  title!: string;

  @IsIn(COST_UNITS)
  unit!: CostUnit;

  /** Minor units of `currency`, or the percentage itself for percent units (checked in cross-checks). */
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  amount!: number;

  @Matches(ALPHA_3, { message: 'must be an ISO 4217 code' })
  currency!: string;
}

export class CostItemsFile extends SeedFile {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => CostItemSeed)
  items!: CostItemSeed[];
}
