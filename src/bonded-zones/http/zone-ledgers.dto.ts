// Bodies of the bonded-maintenance ledger endpoints (rules.md §4.2), validated once at the edge. Each
// movement lists goods lines; the lines of one request are recorded together or not at all.

import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsNotEmpty, IsNumber, IsOptional, IsPositive, IsString, IsUUID, Matches, MaxLength, Min, ValidateNested } from 'class-validator';
import type { GoodsOrigin } from '../domain/zone-ledger.commands';

export const ORIGINS = ['abroad', 'domestic'] as const satisfies readonly GoodsOrigin[];
const MAX_LINES = 100;

/** The examples of the OpenAPI document walk one ledger: 3 excavators in, 3 repaired, 1 returned abroad, 2 sold domestically. */
export const EXAMPLE_ZONE = 'kashgar-cbz';
export const EXAMPLE_TRADER = '6531960001';
const EXAMPLE_HS = '8429521200';

/** A trader id in a path: letters (any script) and digits, with spaces, dots, underscores or hyphens inside; at most 64. */
export const TRADER_ID = /^[\p{L}\p{N}](?:[\p{L}\p{N} ._-]{0,62}[\p{L}\p{N}._-])?$/u;
export const TRADER_ID_RULE = '1 to 64 letters or digits (spaces, dots, underscores and hyphens inside allowed)';

const hsCode = () =>
  ApiProperty({ description: 'CodeTS: the 10-digit commodity code of the goods (a heading of GET /api/reference/hs-headings).', example: EXAMPLE_HS, pattern: '^\\d{10}$' });
const quantity = (what: string, example: number) =>
  ApiProperty({ description: `${what}, in the unit the HS code is kept in on the ledger (the unit of its first entry).`, example, exclusiveMinimum: true, minimum: 0 });
/** The `lines` of a ledger movement: 1 to MAX_LINES goods lines of `type`, each validated. */
const goodsLines = (type: new () => object, description: string) =>
  applyDecorators(
    ApiProperty({ type: [type], description }),
    IsArray(),
    ArrayMinSize(1, { message: 'must list at least one goods line' }),
    ArrayMaxSize(MAX_LINES),
    ValidateNested({ each: true }),
    Type(() => type),
  );
const HS_RULE = { message: 'must be the 10-digit CodeTS, e.g. 8429521200' };
const NUMBER = { allowNaN: false, allowInfinity: false };

export class LedgerGoodsInLineDto {
  @hsCode()
  @IsString()
  @Matches(/^\d{10}$/, HS_RULE)
  hsCode!: string;

  @quantity('GQty: the quantity entering the zone for repair', 3)
  @IsNumber(NUMBER, { message: 'must be a number' })
  @IsPositive({ message: 'must be greater than 0' })
  quantity!: number;

  @ApiProperty({ description: 'GUnit: the unit of the quantity (unit, kg, ...); one HS code keeps one unit on a ledger.', example: 'unit', maxLength: 20 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(20)
  unit!: string;

  @ApiPropertyOptional({ description: 'GName: the goods name.', example: 'Crawler excavator for repair', maxLength: 255 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  description?: string;
}

export class LedgerLineDto {
  @hsCode()
  @IsString()
  @Matches(/^\d{10}$/, HS_RULE)
  hsCode!: string;

  @quantity('GQty', 1)
  @IsNumber(NUMBER, { message: 'must be a number' })
  @IsPositive({ message: 'must be greater than 0' })
  quantity!: number;
}

export class LedgerSaleLineDto extends LedgerLineDto {
  @ApiProperty({
    description:
      'The repair fee of the goods sold, in CNY fen: the repair-fee line of the import declaration under 1300, the only amount taxed (duty and VAT at the rates of the goods\' heading); the repaired goods are exempt (rules.md §4.2 [S61]).',
    example: 1_600_000,
    minimum: 0,
  })
  @IsInt({ message: 'must be an integer number of fen' })
  @Min(0)
  repairFeeMinor!: number;
}

/** An optional `declarationId`: the tenant's declaration the movement was made on. */
const declarationId = (what: string) =>
  applyDecorators(
    ApiPropertyOptional({ description: `The tenant's declaration ${what} (an id from POST /api/declarations).`, format: 'uuid' }),
    IsOptional(),
    IsUUID('all', { message: 'must be a declaration id (a UUID)' }),
  );

export class LedgerGoodsInDto {
  @ApiPropertyOptional({
    description: 'Where the goods come from: `abroad` (entry record list and bonded verification list under 1371, duties suspended) or `domestic` (export declaration under 1300, then 1371 into the zone). Default abroad.',
    enum: ORIGINS,
    example: 'abroad',
  })
  @IsOptional()
  @IsIn(ORIGINS, { message: `must be one of ${ORIGINS.join(', ')}` })
  origin?: GoodsOrigin;

  @declarationId('the goods entered on')
  declarationId?: string;

  @goodsLines(LedgerGoodsInLineDto, `The goods lines, 1 to ${MAX_LINES}.`)
  lines!: LedgerGoodsInLineDto[];
}

export class LedgerRepairedDto {
  @goodsLines(LedgerLineDto, `The goods repaired, 1 to ${MAX_LINES} lines; spare parts are tracked in the enterprise's own ledger.`)
  lines!: LedgerLineDto[];
}

export class LedgerReturnedAbroadDto {
  @declarationId('the goods left on (exit record list, 1371)')
  declarationId?: string;

  @goodsLines(LedgerLineDto, `The repaired goods re-exported, 1 to ${MAX_LINES} lines: no duty or tax.`)
  lines!: LedgerLineDto[];
}

export class LedgerSoldDomesticallyDto {
  @declarationId('the goods were imported on (1300)')
  declarationId?: string;

  @goodsLines(LedgerSaleLineDto, `The repaired goods sold on the domestic market with their repair fees, 1 to ${MAX_LINES} lines.`)
  lines!: LedgerSaleLineDto[];
}

export const LEDGER_EXAMPLES = {
  goodsIn: { summary: 'Three crawler excavators in from Kyrgyzstan for repair', value: { origin: 'abroad', lines: [{ hsCode: EXAMPLE_HS, quantity: 3, unit: 'unit', description: 'Crawler excavator for repair' }] } },
  repaired: { summary: 'All three repaired', value: { lines: [{ hsCode: EXAMPLE_HS, quantity: 3 }] } },
  returnedAbroad: { summary: 'One sent back to its owner abroad', value: { lines: [{ hsCode: EXAMPLE_HS, quantity: 1 }] } },
  soldDomestically: { summary: 'Two sold to a domestic buyer: duty and VAT on the CNY 16,000 repair fee only', value: { lines: [{ hsCode: EXAMPLE_HS, quantity: 2, repairFeeMinor: 1_600_000 }] } },
};
