// Schema of seeds/hs-headings.json: the HS headings swsim knows, with simplified duty and VAT.

import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsNotEmpty, IsNumber, IsString, Matches, Max, Min, ValidateNested } from 'class-validator';
import type { CommodityRisk, HsHeading } from '../domain/reference-data';
import { NullOr, SeedFile, SourcedSeed } from './seed-schema';

type Mineral = Exclude<HsHeading['mineral'], null>;
const MINERALS: Mineral[] = ['copper', 'iron', 'lead-zinc'];
export const RISKS: CommodityRisk[] = ['low', 'medium', 'high'];

export class HsHeadingSeed extends SourcedSeed implements HsHeading {
  @Matches(/^(\d{4}|\d{6})$/, { message: 'must be a 4- or 6-digit HS prefix' })
  prefix!: string;

  @IsString()
  @IsNotEmpty()
  description!: string;

  /** Percent of customs value. */
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  dutyPercent!: number;

  /** Percent of customs value plus duty. */
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  vatPercent!: number;

  @IsBoolean()
  freshProduce!: boolean;

  @NullOr()
  @IsIn(MINERALS, { message: `must be one of ${MINERALS.join(', ')} or null` })
  mineral!: Mineral | null;

  @IsBoolean()
  dangerousGoods!: boolean;

  @IsBoolean()
  vehicle!: boolean;

  @IsBoolean()
  maintenanceCatalogue!: boolean;

  @IsIn(RISKS)
  risk!: CommodityRisk;
}

export class HsHeadingsFile extends SeedFile {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => HsHeadingSeed)
  items!: HsHeadingSeed[];
}
