// Schema of seeds/credit-classes.json: enterprise credit classes and their effect on inspection rates.

import { Type } from 'class-transformer';
import { IsArray, IsIn, IsNotEmpty, IsNumber, IsString, Max, Min, ValidateNested } from 'class-validator';
import type { CreditClass, CreditClassId } from '../domain/reference-data';
import { SeedFile, SourcedSeed } from './seed-schema';

export const CREDIT_CLASS_IDS: CreditClassId[] = ['advanced-aeo', 'general-aeo', 'general', 'discredited'];

export class CreditClassSeed extends SourcedSeed implements CreditClass {
  @IsIn(CREDIT_CLASS_IDS)
  id!: CreditClassId;

  @IsString()
  @IsNotEmpty()
  name!: string;

  /** Factor on the risk class's inspection rates (1 = the general class). */
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  inspectionRateMultiplier!: number;

  /** Share of declarations, 0 to 1. */
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  minimumInspectionRate!: number;
}

export class CreditClassesFile extends SeedFile {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => CreditClassSeed)
  items!: CreditClassSeed[];
}
