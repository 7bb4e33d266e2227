// Schema of seeds/supervision-modes.json: TradeMode codes (rules.md §7.4) plus swsim's own 4-letter codes.

import { Type } from 'class-transformer';
import { ArrayNotEmpty, ArrayUnique, IsArray, IsIn, IsNotEmpty, IsString, Matches, ValidateNested } from 'class-validator';
import type { SupervisionMode } from '../domain/reference-data';
import { KEBAB_ID, SeedFile, SourcedSeed } from './seed-schema';

type Flow = SupervisionMode['flows'][number];
const FLOWS: Flow[] = ['import', 'export', 'transit'];

export class SupervisionModeSeed extends SourcedSeed implements SupervisionMode {
  /** 4 digits when published; 4 capital letters when swsim had to make one up. */
  @Matches(/^(\d{4}|[A-Z]{4})$/, { message: 'must be a 4-digit TradeMode code or 4 capital letters' })
  code!: string;

  @Matches(KEBAB_ID, { message: 'must be a kebab-case id' })
  id!: string;

  @IsString()
  @IsNotEmpty()
  name!: string;

  @IsString()
  @IsNotEmpty()
  nameZh!: string;

  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIn(FLOWS, { each: true })
  flows!: Flow[];
}

export class SupervisionModesFile extends SeedFile {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => SupervisionModeSeed)
  items!: SupervisionModeSeed[];
}
