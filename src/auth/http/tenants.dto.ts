import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { ROLES, type Role } from '../api-key';
import { MAX_SEED, TENANT_NAME_PATTERN, TENANT_NAME_RULE } from '../application/accounts.service';

const SEED_DESCRIPTION = `Seed of the sandbox's random streams (automatic officers' durations and outcomes): same seed, same outcomes. 0 to ${MAX_SEED}.`;
const OPTION_DESCRIPTION = 'The option (set of reforms, see GET /api/options) the sandbox plans declarations under';

export class CreateTenantDto {
  @ApiProperty({ description: `Unique tenant name: ${TENANT_NAME_RULE}`, example: 'acme-logistics' })
  @IsString()
  @Matches(TENANT_NAME_PATTERN, { message: `must be ${TENANT_NAME_RULE}` })
  name!: string;

  @ApiPropertyOptional({ description: `${SEED_DESCRIPTION} Random when left out.`, example: 42 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_SEED)
  seed?: number;

  @ApiPropertyOptional({ description: `${OPTION_DESCRIPTION}; baseline when left out`, example: 'baseline' })
  @IsOptional()
  @IsString()
  optionId?: string;
}

export class UpdateTenantDto {
  @ApiPropertyOptional({ description: SEED_DESCRIPTION, example: 7 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_SEED)
  seed?: number;

  @ApiPropertyOptional({ description: OPTION_DESCRIPTION, example: 'overall-plan-2023' })
  @IsOptional()
  @IsString()
  optionId?: string;
}

export class CreateApiKeyDto {
  @ApiProperty({ description: 'trader: lodges and follows its declarations; officer: performs and drives officer steps; admin: manages tenants and keys', enum: ROLES, example: 'trader' })
  @IsIn(ROLES)
  role!: Role;
}

export class TenantView {
  @ApiProperty({ example: '6f1c2e1e-6c4e-4d8e-9a55-0c1f8f6d2b11' }) id!: string;
  @ApiProperty({ example: 'acme-logistics' }) name!: string;
  @ApiProperty({ description: SEED_DESCRIPTION, example: 42 }) seed!: number;
  @ApiProperty({ description: "The tenant's simulated clock, in minutes since its sandbox epoch", example: 0 }) clockMinutes!: number;
  @ApiProperty({ description: OPTION_DESCRIPTION, example: 'baseline' }) optionId!: string;
  @ApiProperty({ example: '2025-01-01T00:00:00.000Z' }) createdAt!: string;
}

export class ApiKeyView {
  @ApiProperty({ example: '0d7c0b8e-1f7e-4f55-8a39-5b0e3c2f9a10' }) id!: string;
  @ApiProperty({ example: 'acme-logistics' }) tenant!: string;
  @ApiProperty({ enum: ROLES, example: 'trader' }) role!: Role;
  @ApiProperty({ description: 'The first characters of the key, to tell keys apart', example: 'swsim_Xb3kQ9' }) prefix!: string;
  @ApiProperty({ example: '2025-01-01T00:00:00.000Z' }) createdAt!: string;
  @ApiProperty({ nullable: true, type: String, example: null }) revokedAt!: string | null;
}

export class IssuedApiKeyView extends ApiKeyView {
  @ApiProperty({ description: 'The key, for the X-Api-Key header. Shown this once: only its SHA-256 is stored.', example: 'swsim_Xb3kQ9...' }) key!: string;
}
