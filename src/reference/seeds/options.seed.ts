// Schema of seeds/options.json: named sets of reforms that policy users compare.

import { Type } from 'class-transformer';
import { IsArray, IsNotEmpty, IsString, Matches, ValidateNested } from 'class-validator';
import type { OptionDefinition, OptionReform } from '../domain/reference-data';
import { IsNumberRecord, KEBAB_ID, SeedFile, SourcedSeed } from './seed-schema';

/** The reforms of the Overall Plan that swsim models, in the order options list them. */
export const REFORM_IDS = [
  'green-channel',
  'port-plus-unloading-place',
  'third-party-inspection',
  'mutual-trade-tiered-inspection',
  'tir',
  'bonded-maintenance',
  'three-ones-vehicles',
  'two-step-declaration',
  'advance-declaration',
  'railway-fast-clearance',
  'local-direct-clearance',
  'one-plus-n-inspection',
  'dangerous-chemicals-batch-inspection',
  'origin-smart-review',
  'aeo-treatment',
] as const;

class OptionReformSeed implements OptionReform {
  @Matches(KEBAB_ID, { message: 'must be a reform id' })
  id!: string;

  /** Overrides of the reform's parameter defaults, by parameter name. */
  @IsNumberRecord()
  parameters!: Record<string, number>;
}

export class OptionSeed extends SourcedSeed implements OptionDefinition {
  @Matches(KEBAB_ID, { message: 'must be a kebab-case id' })
  id!: string;

  @IsString()
  @IsNotEmpty()
  title!: string;

  @IsString()
  @IsNotEmpty()
  description!: string;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => OptionReformSeed)
  reforms!: OptionReformSeed[];
}

export class OptionsFile extends SeedFile {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => OptionSeed)
  items!: OptionSeed[];
}
