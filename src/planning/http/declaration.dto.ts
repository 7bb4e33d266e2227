// The declaration as the API and the CLI accept it, validated once at the edge. Field descriptions map
// each field to its China Single Window element (rules.md §7.2 DecHead, §7.3 DecList).

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
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
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import type { CreditClassId } from '../../reference/domain/reference-data';
import type { Declaration, DeclarationFlags, Disposition, Flow, GoodsLine } from '../domain/declaration';

export const FLOWS = ['import', 'export', 'transit'] as const satisfies readonly Flow[];
export const TRANSPORT_MODES = ['road', 'rail', 'air', 'post'] as const;
export const CREDIT_CLASSES = ['advanced-aeo', 'general-aeo', 'general', 'discredited'] as const satisfies readonly CreditClassId[];
export const DISPOSITIONS = ['re-export', 'domestic-market'] as const satisfies readonly Disposition[];

const oneOf = (values: readonly string[]) => ({ message: `must be one of ${values.join(', ')}` });

type Trader = Declaration['trader'];

export class TraderDto implements Trader {
  @ApiProperty({ description: 'TradeName: the domestic consignee (import) or consignor (export).', example: 'Tacheng Fresh Produce Co.', maxLength: 100 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;

  @ApiProperty({
    description: "The enterprise credit class of TradeCode/TradeCoScc (GACC credit management, rules.md §6.11); it scales the inspection rates.",
    enum: CREDIT_CLASSES,
    example: 'general',
  })
  @IsIn(CREDIT_CLASSES, oneOf(CREDIT_CLASSES))
  creditClass!: CreditClassId;
}

export class GoodsLineDto implements GoodsLine {
  @ApiProperty({ description: 'CodeTS: the 10-digit commodity code (8-digit tariff code + 2 statistical digits).', example: '0806100000', pattern: '^\\d{10}$' })
  @IsString()
  @Matches(/^\d{10}$/, { message: 'must be the 10-digit CodeTS, e.g. 0806100000' })
  hsCode!: string;

  @ApiProperty({ description: 'GName: the goods name.', example: 'Fresh grapes', maxLength: 255 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  description!: string;

  @ApiProperty({ description: 'GQty: the declared quantity, in `unit`.', example: 20000, exclusiveMinimum: true, minimum: 0 })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'must be a number' })
  @IsPositive({ message: 'must be greater than 0' })
  quantity!: number;

  @ApiProperty({ description: 'GUnit: the unit of the declared quantity (kg, t, unit, ...).', example: 'kg', maxLength: 20 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(20)
  unit!: string;

  @ApiProperty({ description: 'DeclTotal: the customs value of the line, in minor units of `currency` (cents, fen).', example: 3000000, minimum: 0 })
  @IsInt({ message: 'must be an integer number of minor units' })
  @Min(0)
  customsValueMinor!: number;

  @ApiProperty({ description: 'TradeCurr: ISO 4217 currency of the value (a seeds/currencies.json code).', example: 'USD', pattern: '^[A-Z]{3}$' })
  @IsString()
  @Matches(/^[A-Z]{3}$/, { message: 'must be a 3-letter ISO 4217 code in capitals, e.g. USD' })
  currency!: string;

  @ApiPropertyOptional({
    description: 'Bonded maintenance: the repair fee of the line, minor units of `currency`; the only taxed amount on domestic return (special-zone ledger, rules.md §4.2).',
    example: 500000,
    minimum: 0,
  })
  @IsOptional()
  @IsInt({ message: 'must be an integer number of minor units' })
  @Min(0)
  repairFeeMinor?: number;

  @ApiPropertyOptional({ description: 'Uncode: the UN number of dangerous goods, "UN1230" or "1230".', example: 'UN1230', pattern: '^(UN)?\\d{4}$' })
  @IsOptional()
  @IsString()
  @Matches(/^(UN)?\d{4}$/, { message: "must be a UN number: 'UN' and 4 digits, or 4 digits" })
  unNumber?: string;
}

export class DeclarationFlagsDto implements Partial<DeclarationFlags> {
  @ApiPropertyOptional({ description: 'Fresh fruit or vegetables (green-channel goods); derived from CodeTS where the heading says so.' })
  @IsOptional()
  @IsBoolean()
  freshProduce?: boolean;

  @ApiPropertyOptional({ description: 'Ores and concentrates (GACC mineral supervision); derived from CodeTS where possible.' })
  @IsOptional()
  @IsBoolean()
  mineral?: boolean;

  @ApiPropertyOptional({ description: 'Dangerous goods (Uncode, DangName); derived from CodeTS or a UN number where possible.' })
  @IsOptional()
  @IsBoolean()
  dangerousGoods?: boolean;

  @ApiPropertyOptional({ description: 'Vehicles (permit 408 vehicle pre-review filing); derived from CodeTS where possible.' })
  @IsOptional()
  @IsBoolean()
  vehicle?: boolean;
}

export class DeclarationDto implements Declaration {
  @ApiProperty({ description: 'IEFlag: I (import) or E (export); transit is a TIR or transfer movement (Type MT for TIR).', enum: FLOWS, example: 'export' })
  @IsIn(FLOWS, oneOf(FLOWS))
  flow!: Flow;

  @ApiProperty({
    description: "IEPort: the customs office of entry or exit, as a seeds/sites.json id (the site's customsCode is the 4-digit IEPort code). See GET /api/reference/sites.",
    example: 'bakhtu',
  })
  @IsString()
  @IsNotEmpty()
  port!: string;

  @ApiProperty({ description: 'TrafMode: road (4), rail (3), air (5) or post (6).', enum: TRANSPORT_MODES, example: 'road' })
  @IsIn(TRANSPORT_MODES, oneOf(TRANSPORT_MODES))
  transportMode!: (typeof TRANSPORT_MODES)[number];

  @ApiProperty({ description: 'TradeMode: the 4-character supervision mode code, e.g. 0110 general trade, 1371 bonded maintenance. See GET /api/reference/supervision-modes.', example: '0110' })
  @IsString()
  @Length(4, 4, { message: 'must be the 4-character TradeMode code, e.g. 0110' })
  supervisionMode!: string;

  @ApiProperty({ description: 'TradeName and credit class of the domestic consignee or consignor.', type: () => TraderDto })
  @IsObject()
  @ValidateNested()
  @Type(() => TraderDto)
  trader!: TraderDto;

  @ApiProperty({ description: 'DecList: the goods lines (at least one).', type: () => [GoodsLineDto] })
  @IsArray()
  @ArrayMinSize(1, { message: 'must list at least one goods line' })
  @ValidateNested({ each: true })
  @Type(() => GoodsLineDto)
  goods!: GoodsLineDto[];

  @ApiPropertyOptional({
    description: 'GoodsPlace / DistrictCode: the inland end of the journey (unloading place, bonded zone or inland office), a seeds/sites.json id.',
    example: 'urumqi-cbz',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  inlandSite?: string;

  @ApiPropertyOptional({ description: 'Transit only: DistinatePort, the border port where the goods leave China (a seeds/sites.json id).', example: 'alashankou' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  exitPort?: string;

  @ApiPropertyOptional({ description: 'Trucks or wagons carrying the consignment (TrafName per conveyance, from the manifest); waiting cost is per conveyance. Default 1.', example: 1, minimum: 1, maximum: 500 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(500)
  conveyances?: number;

  @ApiPropertyOptional({ description: 'VoyNo: the TIR carnet number when the goods move under a carnet (Type MT, TIR transport integrated declaration).', example: 'XC12345678', maxLength: 50 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  tirCarnet?: string;

  @ApiPropertyOptional({ description: 'Facts the commodity codes cannot tell; added to the ones derived from CodeTS.', type: () => DeclarationFlagsDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => DeclarationFlagsDto)
  flags?: DeclarationFlagsDto;

  @ApiPropertyOptional({ description: 'DecRequestCert: a quality certificate (grade, moisture) is requested for minerals (GACC 2020 No.69, 2023 No.108).' })
  @IsOptional()
  @IsBoolean()
  qualityCertificateRequested?: boolean;

  @ApiPropertyOptional({ description: 'Exports: a certificate of origin is applied for (Single Window certificate-of-origin module).' })
  @IsOptional()
  @IsBoolean()
  certificateOfOrigin?: boolean;

  @ApiPropertyOptional({ description: 'Bonded maintenance: the repaired goods are re-exported or enter the domestic market (decides DutyMode on the repair fee).', enum: DISPOSITIONS })
  @IsOptional()
  @IsIn(DISPOSITIONS, oneOf(DISPOSITIONS))
  disposition?: Disposition;

  @ApiPropertyOptional({ description: "Border mutual trade: the residents sharing the consignment, each with a daily duty-free allowance (rules.md §6.1).", example: 20, minimum: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  borderResidents?: number;
}

// Compile-time guard: each DTO names every field of its domain type (`implements` checks the field types).
type Missing<Domain, Dto> = Record<Exclude<keyof Domain, keyof Dto>, never>;
const everyFieldCovered: [Missing<Declaration, DeclarationDto>, Missing<GoodsLine, GoodsLineDto>, Missing<DeclarationFlags, DeclarationFlagsDto>, Missing<Trader, TraderDto>] = [{}, {}, {}, {}];
void everyFieldCovered;
