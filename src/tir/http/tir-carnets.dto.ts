// Bodies and query strings of the TIR carnet endpoints, validated once at the edge (rules.md §3).

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, ValidateNested } from 'class-validator';
import { type VoucherCount, VOUCHER_COUNTS } from '../domain/tir-carnet.commands';
import { PageQuery } from '../../common/http/page.query';
import { invalidRequest } from '../../common/http/validation';
import type { CarnetStatus } from '../domain/tir-carnet.state';

export const CARNET_STATUSES: CarnetStatus[] = ['issued', 'in-use', 'terminated', 'discharged'];
export const TERMINATION_PLACES = ['exit', 'destination'] as const;

/** A paper TIR carnet's reference number: two letters and eight digits, e.g. XC71234567. */
export const CARNET_NUMBER = /^[A-Z]{2}\d{8}$/;
export const CARNET_NUMBER_RULE = 'two capital letters and eight digits, e.g. XC71234567';

/** The examples of the OpenAPI document walk one carnet: issued, a declaration linked, operation 1 started, terminated, discharged. */
export const EXAMPLE_CARNET = 'XC71234567';
/**
 * Stands for a declaration of the caller's tenant in the link example; the OpenAPI examples test
 * (test/openapi-examples.e2e-spec.ts) puts the id of a declaration it lodged in its place.
 */
export const EXAMPLE_DECLARATION_ID = '5d1b2c3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e';

export class TirHolderDto {
  @ApiProperty({ description: 'The TIR holder identification number in the ITDB (country/association/number).', example: 'CHN/042/117', maxLength: 32 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  id!: string;

  @ApiProperty({ description: 'The holder: the haulier authorised by the association (CRTA in China) to use carnets.', example: 'Kashgar Silk Road Logistics Co.', maxLength: 100 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;
}

export class TirGuaranteeDto {
  @ApiProperty({
    description: 'The maximum sum the association guarantees for the carnet (TIR Convention Art. 8.3; EUR 100,000 recommended), in minor units of `currency`.',
    example: 10_000_000,
    minimum: 1,
  })
  @IsInt({ message: 'must be an integer number of minor units' })
  @Min(1)
  amountMinor!: number;

  @ApiProperty({ description: 'ISO 4217 currency of the guarantee (a seeds/currencies.json code).', example: 'EUR', pattern: '^[A-Z]{3}$' })
  @IsString()
  @Matches(/^[A-Z]{3}$/, { message: 'must be a 3-letter ISO 4217 code in capitals, e.g. EUR' })
  currency!: string;
}

export class IssueTirCarnetDto {
  @ApiProperty({ description: `The carnet's reference number: ${CARNET_NUMBER_RULE}. On the export TIR declaration it is the VoyNo.`, example: EXAMPLE_CARNET, pattern: CARNET_NUMBER.source })
  @IsString()
  @Matches(CARNET_NUMBER, { message: `must be ${CARNET_NUMBER_RULE}` })
  carnetNumber!: string;

  @ApiProperty({ type: TirHolderDto })
  @ValidateNested()
  @Type(() => TirHolderDto)
  holder!: TirHolderDto;

  @ApiPropertyOptional({ description: 'The issuing national association; default CRTA (China Road Transport Association, the sole issuer in China since 2018).', example: 'CRTA', maxLength: 64 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  issuedBy?: string;

  @ApiProperty({ description: 'Vouchers in the carnet, one pair used per country (a 20-voucher carnet covers 10 countries).', enum: VOUCHER_COUNTS, example: 4 })
  @IsIn(VOUCHER_COUNTS, { message: `must be one of ${VOUCHER_COUNTS.join(', ')}` })
  vouchers!: VoucherCount;

  @ApiProperty({ type: TirGuaranteeDto })
  @ValidateNested()
  @Type(() => TirGuaranteeDto)
  guarantee!: TirGuaranteeDto;

  @ApiProperty({
    description:
      "The association's final date for acceptance at the office of departure, in simulated minutes on the tenant's clock (GET /api/clock); once accepted, the carnet stays valid until termination (TIR Convention Art. 9).",
    example: 1_051_200,
    minimum: 0,
  })
  @IsInt({ message: 'must be a whole number of simulated minutes' })
  @Min(0)
  validUntilMinutes!: number;
}

export class LinkTirDeclarationDto {
  @ApiProperty({ description: "The id of one of the tenant's declarations that the carnet covers (POST /api/declarations).", example: EXAMPLE_DECLARATION_ID, format: 'uuid' })
  @IsUUID('all', { message: 'must be a declaration id (a UUID)' })
  declarationId!: string;
}

export class StartTirOperationDto {
  @ApiProperty({ description: 'ISO 3166 alpha-2 code of the country whose TIR operation starts: at the office of departure for the first, on entry en route for the next.', example: 'CN', pattern: '^[A-Z]{2}$' })
  @IsString()
  @Matches(/^[A-Z]{2}$/, { message: 'must be an ISO 3166 alpha-2 country code in capitals, e.g. CN' })
  country!: string;

  @ApiProperty({ description: 'The customs office that accepts the carnet and seals the load (a seeds/sites.json id, or the office name).', example: 'kashgar-cbz', maxLength: 100 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  customsOffice!: string;
}

export class TerminateTirOperationDto {
  @ApiProperty({ description: 'The customs office where the operation is terminated, on the seals and the carnet.', example: 'irkeshtam', maxLength: 100 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  customsOffice!: string;

  @ApiProperty({ description: '`exit`: an exit office en route (the next country starts its own operation); `destination`: the journey ends.', enum: TERMINATION_PLACES, example: 'exit' })
  @IsIn(TERMINATION_PLACES, { message: `must be one of ${TERMINATION_PLACES.join(', ')}` })
  at!: (typeof TERMINATION_PLACES)[number];

  @ApiPropertyOptional({ description: 'A termination with reservation (TIR Convention Art. 28): what customs noted.', example: 'One seal damaged, load intact', maxLength: 255 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  reservation?: string;
}

/**
 * Discharge takes no data: customs confirm that the termination was correct (Art. 1). The body may be
 * left out or be `{}`; any property is a 400, as the DTOs answer. (class-validator refuses a class
 * without a decorated property as an unknown value, so this body is checked by hand.)
 */
export function emptyBody(body: unknown): Record<string, never> {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw invalidRequest([{ path: '', message: 'must be a JSON object' }], 'request body');
  const extra = Object.keys(body);
  if (extra.length > 0) throw invalidRequest(extra.map((path) => ({ path, message: 'property should not exist' })));
  return {};
}

export class ListTirCarnetsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only carnets with this status.', enum: CARNET_STATUSES })
  @IsOptional()
  @IsIn(CARNET_STATUSES, { message: `must be one of ${CARNET_STATUSES.join(', ')}` })
  status?: CarnetStatus;

  @ApiPropertyOptional({ description: "Only this holder's carnets (the ITDB holder id).", example: 'CHN/042/117' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  holderId?: string;
}
