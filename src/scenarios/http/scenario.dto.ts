// A scenario file (scenarios/*.yaml) and a recorded-stream row, as the loader and a later
// POST /api/replays validate them: the same class-validator classes, the same options
// (common/http/validation.ts), the declaration itself reused from POST /api/plans. Maps keyed by site
// id or resource kind (`sites`, `resources`) are checked entry by entry by the loader, which knows
// the reference data; the JSON Schema (`swsim schema`) is generated from these classes.

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsPositive,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { MAX_SEED } from '../../auth/application/accounts.service';
import { PROCEDURES } from '../../declarations/domain/declaration.commands';
import { DeclarationDto } from '../../planning/http/declaration.dto';
import type { Calendar } from '../../reference/domain/reference-data';
import { HH_MM, KEBAB_ID, MM_DD } from '../../reference/seeds/seed-schema';
import { CALIBRATION_METRICS, type CalibrationMetric, type CalibrationTarget, type Lodging } from '../domain/scenario';

const oneOf = (values: readonly string[]) => ({ message: `must be one of ${values.join(', ')}` });
const FINITE = { allowNaN: false, allowInfinity: false };
const NUMBER = { message: 'must be a number' };
/** A field that may also be null in the file (class-validator's IsOptional lets null through). */
const orNull: Parameters<typeof JSONSchema>[0] = (schema) => ({ anyOf: [schema, { type: 'null' }] });

export const CALIBRATION_UNITS = ['hours', 'CNY'] as const satisfies readonly CalibrationTarget['unit'][];
/** Hard limit on replications: each one replays the whole stream under every option. */
export const MAX_REPLICATIONS = 1000;
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * One published figure. Its form decides the check: `value` with `tolerance` for a figure published as a
 * value, `atLeast` and/or `atMost` for one published as a range or a bound; the loader refuses a mix.
 */
export class CalibrationTargetDto {
  @ApiProperty({ description: 'The published figure in words, e.g. "Green channel: fruit and vegetable clearance ~4 h -> ~2 h".' })
  @IsString()
  @IsNotEmpty()
  figure!: string;

  @ApiProperty({ description: 'Where it is published: the calibration.md or rules.md section and the URL of its source.' })
  @IsString()
  @IsNotEmpty()
  source!: string;

  @ApiProperty({ description: 'The option (one of the scenario\'s `options`) whose result is compared with the figure.', example: 'green-channel' })
  @IsString()
  @IsNotEmpty()
  option!: string;

  @ApiProperty({ description: 'The report figure compared: mean hours of a TRS interval, or mean cost per declaration in CNY.', enum: CALIBRATION_METRICS })
  @IsIn(CALIBRATION_METRICS, oneOf(CALIBRATION_METRICS))
  metric!: CalibrationMetric;

  @ApiPropertyOptional({ description: 'A figure published as a value: the value, in `unit`, checked within `tolerance`. Not with atLeast or atMost.', example: 2, exclusiveMinimum: true, minimum: 0 })
  @ValidateIf((o: CalibrationTargetDto) => o.value !== undefined)
  @IsNumber(FINITE, NUMBER)
  @IsPositive({ message: 'must be greater than 0' })
  value?: number;

  @ApiProperty({ description: '`hours` for the interval metrics, `CNY` (yuan) for costPerDeclarationCny.', enum: CALIBRATION_UNITS })
  @IsIn(CALIBRATION_UNITS, oneOf(CALIBRATION_UNITS))
  unit!: CalibrationTarget['unit'];

  @ApiPropertyOptional({ description: 'With `value`: allowed relative deviation of the mean over replications, in (0, 1]; 0.15 = ±15 %.', example: 0.15, exclusiveMinimum: true, minimum: 0, maximum: 1 })
  @ValidateIf((o: CalibrationTargetDto) => o.tolerance !== undefined)
  @IsNumber(FINITE, NUMBER)
  @IsPositive({ message: 'must be greater than 0' })
  @Max(1)
  tolerance?: number;

  @ApiPropertyOptional({ description: 'A figure published as a range or a lower bound: the least mean that meets it, in `unit` (2-3 days: atLeast 48, atMost 72). Not with value.', example: 48 })
  @ValidateIf((o: CalibrationTargetDto) => o.atLeast !== undefined)
  @IsNumber(FINITE, NUMBER)
  atLeast?: number;

  @ApiPropertyOptional({ description: 'A figure published as a range or an upper bound: the greatest mean that meets it, in `unit` ("under 16 h": atMost 16). Not with value.', example: 72 })
  @ValidateIf((o: CalibrationTargetDto) => o.atMost !== undefined)
  @IsNumber(FINITE, NUMBER)
  atMost?: number;
}

export class SiteSeasonalClosureDto {
  @ApiProperty({ description: 'First closed day of each year, MM-DD.', example: '12-01' })
  @Matches(MM_DD, { message: 'must be MM-DD' })
  from!: string;

  @ApiProperty({ description: 'Last closed day, MM-DD (inclusive; may be earlier in the year than `from`).', example: '03-31' })
  @Matches(MM_DD, { message: 'must be MM-DD' })
  to!: string;
}

export class SiteCalendarDto implements Calendar {
  @ApiProperty({ description: 'True when the site works around the clock every day; `weekdays`, `opens` and `closes` are then ignored.' })
  @IsBoolean({ message: 'must be true or false' })
  allDay!: boolean;

  @ApiProperty({ description: 'ISO weekdays open: 1 = Monday ... 7 = Sunday.', example: [1, 2, 3, 4, 5], type: [Number] })
  @IsArray()
  @ArrayNotEmpty({ message: 'must name at least one weekday' })
  @ArrayUnique({ message: 'must not repeat a weekday' })
  @IsInt({ each: true, message: 'each value must be a whole number from 1 (Monday) to 7 (Sunday)' })
  @Min(1, { each: true, message: 'each value must be a whole number from 1 (Monday) to 7 (Sunday)' })
  @Max(7, { each: true, message: 'each value must be a whole number from 1 (Monday) to 7 (Sunday)' })
  weekdays!: number[];

  @ApiProperty({ description: 'Local opening time, HH:MM.', example: '10:00' })
  @Matches(HH_MM, { message: 'must be HH:MM, e.g. 10:00' })
  opens!: string;

  @ApiProperty({ description: 'Local closing time, HH:MM (24:00 for midnight); later than `opens`.', example: '19:00' })
  @Matches(HH_MM, { message: 'must be HH:MM, e.g. 19:00' })
  closes!: string;

  @ApiPropertyOptional({ description: 'A yearly closure, e.g. Khunjerab from 12-01 to 03-31.', type: () => SiteSeasonalClosureDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SiteSeasonalClosureDto)
  seasonalClosure?: SiteSeasonalClosureDto;
}

export class SiteOverrideDto {
  @ApiPropertyOptional({
    description: 'Capacity by resource kind (document-desk, inspection-bay, scanner, lab, escort, gate): parallel servers, a whole number of at least 1. Kinds not named keep the seeded capacity.',
    type: 'object',
    additionalProperties: { type: 'integer', minimum: 1 },
    example: { 'document-desk': 4 },
  })
  @JSONSchema({ type: 'object', additionalProperties: { type: 'integer', minimum: 1 } })
  @IsOptional()
  @IsObject()
  resources?: Record<string, unknown>;

  @ApiPropertyOptional({ description: "Opening hours replacing the site's seeded calendar; null or absent keeps the seeded one.", type: () => SiteCalendarDto, nullable: true })
  @JSONSchema(orNull)
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SiteCalendarDto)
  calendar?: SiteCalendarDto | null;
}

export class ArrivalStreamDto implements Partial<Lodging> {
  @ApiProperty({ description: 'Unique in the scenario; names the stream\'s random draws and its rows in the report.', example: 'grapes' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  name!: string;

  @ApiProperty({ description: 'Mean arrivals per hour (a Poisson stream), before the hourly profile.', example: 0.5, exclusiveMinimum: true, minimum: 0 })
  @IsNumber(FINITE, NUMBER)
  @IsPositive({ message: 'must be greater than 0' })
  ratePerHour!: number;

  @ApiPropertyOptional({
    description: '24 non-negative weights (hour 0 to 23, local time) with mean 1: the rate in hour h is ratePerHour * hourlyProfile[h]. Null or absent: the same rate all day.',
    type: [Number],
    minItems: 24,
    maxItems: 24,
    nullable: true,
  })
  @JSONSchema(orNull)
  @IsOptional()
  @IsArray()
  @ArrayMinSize(24, { message: 'must have 24 weights, one per hour of the day' })
  @ArrayMaxSize(24, { message: 'must have 24 weights, one per hour of the day' })
  @IsNumber(FINITE, { each: true, message: 'each weight must be a number' })
  @Min(0, { each: true, message: 'each weight must be 0 or more' })
  hourlyProfile?: number[] | null;

  @ApiProperty({ description: 'The declaration every arrival of the stream lodges: exactly the `declaration` of POST /api/plans.', type: () => DeclarationDto })
  @IsObject()
  @ValidateNested()
  @Type(() => DeclarationDto)
  declaration!: DeclarationDto;

  @ApiPropertyOptional({ description: 'Commodity label for the report; defaults to the stream name.', example: 'fresh grapes' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  commodity?: string;

  @ApiPropertyOptional({ description: '`full` (default) or `two-step` (summary then complete declaration; imports only).', enum: PROCEDURES, default: 'full' })
  @IsOptional()
  @IsIn(PROCEDURES, oneOf(PROCEDURES))
  procedure?: Lodging['procedure'];

  @ApiPropertyOptional({ description: 'Lodged before the goods arrive (advance declaration). Default false.', default: false })
  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  advance?: boolean;
}

export class RecordedStreamDto {
  @ApiProperty({ description: 'A CSV file of recorded declarations, one a row (scenarios/README.md), relative to the scenario file.', example: 'stream.csv' })
  @IsString()
  @IsNotEmpty()
  file!: string;
}

export class ScenarioDto {
  @ApiPropertyOptional({ description: 'Kebab-case id; defaults to the file name without `.yaml`.', example: 'bakhtu-green-channel', pattern: KEBAB_ID.source })
  @IsOptional()
  @Matches(KEBAB_ID, { message: 'must be a kebab-case id, e.g. bakhtu-green-channel' })
  name?: string;

  @ApiProperty({ description: 'One line saying what the scenario replays.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title!: string;

  @ApiPropertyOptional({ description: 'What it models and which of its numbers are assumptions. Default "".' })
  @IsOptional()
  @IsString()
  description?: string;

  @ApiPropertyOptional({ description: 'The published figures the scenario reproduces (calibration.md). Default [].', type: () => [CalibrationTargetDto] })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => CalibrationTargetDto)
  calibration?: CalibrationTargetDto[];

  @ApiProperty({ description: 'The calendar date (YYYY-MM-DD, local time at the ports) of simulated minute 0, which is local midnight.', example: '2024-09-02' })
  @IsString()
  @Matches(ISO_DATE, { message: 'must be a date YYYY-MM-DD, e.g. 2024-09-02' })
  start!: string;

  @ApiProperty({ description: 'Arrivals are generated from minute 0 to this many hours.', example: 168, exclusiveMinimum: true, minimum: 0 })
  @IsNumber(FINITE, NUMBER)
  @IsPositive({ message: 'must be greater than 0' })
  horizonHours!: number;

  @ApiPropertyOptional({ description: 'Declarations arriving before this many hours are run but not counted; less than horizonHours. Default 0.', minimum: 0, default: 0 })
  @IsOptional()
  @IsNumber(FINITE, NUMBER)
  @Min(0)
  warmUpHours?: number;

  @ApiPropertyOptional({ description: `Independent replications, 1 to ${MAX_REPLICATIONS}. Default 10.`, minimum: 1, maximum: MAX_REPLICATIONS, default: 10 })
  @IsOptional()
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(MAX_REPLICATIONS)
  replications?: number;

  @ApiProperty({ description: `Seed of every random stream, a whole number from 0 to ${MAX_SEED}.`, example: 20240902, minimum: 0, maximum: MAX_SEED })
  @IsInt({ message: 'must be a whole number' })
  @Min(0)
  @Max(MAX_SEED)
  seed!: number;

  @ApiProperty({ description: 'Option ids (GET /api/options) to compare; the first is the one differences are taken against.', type: [String], example: ['baseline', 'green-channel'] })
  @IsArray()
  @ArrayNotEmpty({ message: 'must name at least one option' })
  @ArrayUnique({ message: 'must not repeat an option' })
  @IsString({ each: true })
  options!: string[];

  @ApiPropertyOptional({ description: 'True: every resource has unlimited capacity and every site is always open (the plan walk alone). Default false.', default: false })
  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  unlimitedResources?: boolean;

  @ApiPropertyOptional({
    description: "Changes to sites' seeded resources and calendars, by site id (GET /api/reference/sites). Default {}.",
    type: 'object',
    additionalProperties: { type: 'object' },
  })
  @JSONSchema({ type: 'object', additionalProperties: { $ref: '#/definitions/SiteOverrideDto' } })
  @IsOptional()
  @IsObject()
  sites?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'Poisson streams of like declarations. Default []; a scenario needs arrivals, a recorded stream or both.', type: () => [ArrivalStreamDto] })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ArrivalStreamDto)
  arrivals?: ArrivalStreamDto[];

  @ApiPropertyOptional({ description: 'A recorded stream of declarations (CSV), replayed as recorded.', type: () => RecordedStreamDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => RecordedStreamDto)
  recorded?: RecordedStreamDto;
}

/** One row of a recorded stream once its cells are gathered: what `RecordedDeclaration` is made from. */
export class RecordedDeclarationDto implements Partial<Lodging> {
  @ApiProperty({ description: "The declaration's id: names its random draws.", example: 'D-0001' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  key!: string;

  @ApiProperty({ description: "Minutes after the scenario's minute 0 (local midnight of `start`) at which the goods arrive.", minimum: 0 })
  @IsNumber(FINITE, NUMBER)
  @Min(0)
  arrivalMinutes!: number;

  @ApiPropertyOptional({ enum: PROCEDURES, default: 'full' })
  @IsOptional()
  @IsIn(PROCEDURES, oneOf(PROCEDURES))
  procedure?: Lodging['procedure'];

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  advance?: boolean;

  @ApiPropertyOptional({ description: 'Commodity label for the report; defaults to the first goods line\'s description.' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  commodity?: string;

  @ApiProperty({ type: () => DeclarationDto })
  @IsObject()
  @ValidateNested()
  @Type(() => DeclarationDto)
  declaration!: DeclarationDto;
}
