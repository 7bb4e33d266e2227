// Schema of seeds/currencies.json: minor units and an approximate CNY rate per currency.

import { Type } from 'class-transformer';
import { IsArray, IsInt, IsNumber, IsPositive, Matches, Min, ValidateNested } from 'class-validator';
import type { Currency } from '../domain/reference-data';
import { ALPHA_3, SeedFile, SourcedSeed } from './seed-schema';

export class CurrencySeed extends SourcedSeed implements Currency {
  @Matches(ALPHA_3, { message: 'must be an ISO 4217 code' })
  code!: string;

  @IsInt()
  @Min(1)
  minorPerMajor!: number;

  /** CNY per one major unit. */
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive()
  cnyPerUnit!: number;
}

export class CurrenciesFile extends SeedFile {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => CurrencySeed)
  items!: CurrencySeed[];
}
