// The lodge body: the declaration the planner needs (DeclarationDto) plus the other head elements of
// the China Single Window declaration (rules.md §7.2), and how the sandbox should run it.

import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, MaxLength, Min } from 'class-validator';
import { DeclarationDto } from '../../planning/http/declaration.dto';
import { LODGEMENT_MODES, type LodgementMode, PROCEDURES, type Procedure } from '../domain/declaration.commands';

export { PROCEDURES };

const oneOf = (values: readonly string[]) => ({ message: `must be one of ${values.join(', ')}` });

/** Head elements that do not change the plan but belong to a real declaration; kept with it. */
export class LodgeDeclarationDto extends DeclarationDto {
  @ApiPropertyOptional({
    description: "How the sandbox runs the declaration: `auto` (default) lets automatic officers walk its plan as the tenant's simulated clock advances; `manual` waits for officer-role keys to perform each step.",
    enum: LODGEMENT_MODES,
    default: 'auto',
  })
  @IsOptional()
  @IsIn(LODGEMENT_MODES, oneOf(LODGEMENT_MODES))
  mode?: LodgementMode;

  @ApiPropertyOptional({
    description: 'Type, 3rd character: `full` (0, integrated one-time declaration) or `two-step` (5, summary declaration now, complete declaration within 14 days; imports only).',
    enum: PROCEDURES,
    default: 'full',
  })
  @IsOptional()
  @IsIn(PROCEDURES, oneOf(PROCEDURES))
  procedure?: Procedure;

  @ApiPropertyOptional({ description: 'Advance declaration (GACC 2014 No.74): lodged before the goods reach the supervision site.', default: false })
  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  advance?: boolean;

  @ApiPropertyOptional({ description: "The rules in force for this declaration: an option id (GET /api/options). Default: the tenant's option.", example: 'overall-plan-2023' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  option?: string;

  @ApiPropertyOptional({ description: 'BillNo: bill of lading, waybill or railway bill number.', example: 'CMR-2026-000123', maxLength: 32 })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  billNo?: string;

  @ApiPropertyOptional({ description: 'ContrNo: contract number.', example: 'TC-2026-88', maxLength: 32 })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  contractNo?: string;

  @ApiPropertyOptional({ description: 'TrafName: the conveyance (truck plate, train number).', example: '新G12345', maxLength: 50 })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  conveyanceName?: string;

  @ApiPropertyOptional({ description: 'TradeCountry: country of departure (import) or arrival (export), ISO 3166 alpha-3.', example: 'KAZ', pattern: '^[A-Z]{3}$' })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: 'must be an ISO 3166 alpha-3 code, e.g. KAZ' })
  tradeCountry?: string;

  @ApiPropertyOptional({ description: 'PackNo: number of packages.', example: 1200, minimum: 0 })
  @IsOptional()
  @IsInt({ message: 'must be a whole number' })
  @Min(0)
  packages?: number;

  @ApiPropertyOptional({ description: 'GrossWet: gross weight in kg.', example: 21000, minimum: 0 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'must be a number' })
  @Min(0)
  grossWeightKg?: number;

  @ApiPropertyOptional({ description: 'NetWt: net weight in kg.', example: 20000, minimum: 0 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'must be a number' })
  @Min(0)
  netWeightKg?: number;

  @ApiPropertyOptional({ description: 'AgentName: the declaring agent (customs broker).', example: 'Khorgos Customs Brokerage Ltd.', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  agentName?: string;
}
