// Request bodies of the officer and trader actions on a declaration (POST /api/declarations/{id}/{action}).
// Each names the plan step when two ready steps share a role; times are simulated minutes.

import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsNumber, IsOptional, IsString, MaxLength, Min, ValidateNested } from 'class-validator';
import type { Channel } from '../../planning/domain/plan';

const CHANNELS = ['green', 'yellow', 'red'] as const satisfies readonly Channel[];

export class StepWorkDto {
  @ApiPropertyOptional({ description: 'The plan step (see GET .../actions); needed only when two ready steps share this action.', example: 'physical-inspection' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  stepId?: string;

  @ApiPropertyOptional({ description: 'Simulated minute the work began; default: when the step became ready.', example: 30 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'must be a number' })
  @Min(0)
  startedAtMinutes?: number;
}

export class AssignChannelDto extends StepWorkDto {
  @ApiPropertyOptional({ description: 'The risk channel; leave it out to let the rules draw it from the plan\'s channel rates (seeded).', enum: CHANNELS })
  @IsOptional()
  @IsIn(CHANNELS, { message: `must be one of ${CHANNELS.join(', ')}` })
  channel?: Channel;
}

export class CheckResultDto extends StepWorkDto {
  @ApiProperty({ description: 'Whether the check passed; a failed one puts the declaration on hold.', example: true })
  @IsBoolean({ message: 'must be true or false' })
  passed!: boolean;

  @ApiPropertyOptional({ description: 'Remarks, findings or the lab report reference.', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class StepOnlyDto {
  @ApiPropertyOptional({ description: 'The plan step; needed only when two ready steps share this action.', example: 'physical-inspection' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  stepId?: string;
}

export class TakeSampleDto extends StepWorkDto {
  @ApiPropertyOptional({ description: 'Sample reference.', maxLength: 64 })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  sampleId?: string;
}

export class PayDutiesDto extends StepWorkDto {
  @ApiPropertyOptional({ description: 'Amount paid, CNY fen; default: the assessed duties and VAT.', minimum: 0 })
  @IsOptional()
  @IsInt({ message: 'must be a whole number of fen' })
  @Min(0)
  paidMinor?: number;
}

export class LodgeGuaranteeDto extends StepWorkDto {
  @ApiPropertyOptional({ description: 'Guarantee filing number or bond reference.', maxLength: 64 })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  guaranteeReference?: string;

  @ApiPropertyOptional({ description: 'Amount secured, CNY fen; default: the duties and taxes at stake.', minimum: 0 })
  @IsOptional()
  @IsInt({ message: 'must be a whole number of fen' })
  @Min(0)
  securedMinor?: number;
}

export class StartTransitDto extends StepWorkDto {
  @ApiPropertyOptional({ description: 'Numbers of the customs seals affixed.', type: [String], example: ['CN-KS-000123'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  sealNumbers?: string[];
}

export class CompleteStepDto extends StepWorkDto {
  @ApiProperty({ description: 'The plan step to complete.', example: 'gauge-transshipment' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  declare stepId: string;
}

export class ReasonDto {
  @ApiPropertyOptional({ description: 'Why.', maxLength: 500, example: 'Goods no longer shipped' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class RequiredReasonDto {
  @ApiProperty({ description: 'Why.', maxLength: 500, example: 'Goods do not match the declaration' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}

export class SkipStepDto extends RequiredReasonDto {
  @ApiProperty({ description: 'The optional plan step (probability below 1) not needed for this declaration.', example: 'exit-reinspection' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  stepId!: string;
}

export class GoodsLineAmendmentDto {
  @ApiProperty({ description: 'Index of the goods line (GNo - 1).', example: 0, minimum: 0 })
  @IsInt()
  @Min(0)
  line!: number;

  @ApiPropertyOptional({ description: 'GName', maxLength: 255 })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  description?: string;

  @ApiPropertyOptional({ description: 'GQty' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'must be a number' })
  @Min(0)
  quantity?: number;

  @ApiPropertyOptional({ description: 'GUnit', maxLength: 20 })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  unit?: string;

  @ApiPropertyOptional({ description: 'DeclTotal, minor units' })
  @IsOptional()
  @IsInt()
  @Min(0)
  customsValueMinor?: number;

  @ApiPropertyOptional({ description: 'TradeCurr' })
  @IsOptional()
  @IsString()
  currency?: string;

  @ApiPropertyOptional({ description: 'Repair fee, minor units' })
  @IsOptional()
  @IsInt()
  @Min(0)
  repairFeeMinor?: number;
}

export class AmendmentDto {
  @ApiPropertyOptional({ type: [GoodsLineAmendmentDto] })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => GoodsLineAmendmentDto)
  goods?: GoodsLineAmendmentDto[];

  @ApiPropertyOptional({ description: 'Trucks or wagons.', minimum: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  conveyances?: number;
}

export class AmendDto extends ReasonDto {
  @ApiProperty({ description: 'What to change: goods descriptions, quantities and values, conveyances. Port, flow, mode, supervision mode and HS codes shape the plan and cannot be amended.', type: AmendmentDto })
  @ValidateNested()
  @Type(() => AmendmentDto)
  amendment!: AmendmentDto;
}

export class EmptyDto {}
