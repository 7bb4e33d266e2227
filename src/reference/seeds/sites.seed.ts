// Schema of seeds/sites.json: border ports, airport, bonded zones, inland office and unloading place.

import { Type } from 'class-transformer';
import {
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import type { Calendar, ResourceKind, Site, SiteKind, SiteResource, TransportModeId } from '../domain/reference-data';
import { ALPHA_3, HH_MM, KEBAB_ID, MM_DD, NullOr, SeedFile, SourcedSeed } from './seed-schema';

export const SITE_KINDS: SiteKind[] = ['border-port', 'airport', 'bonded-zone', 'inland-office', 'unloading-place'];
export const RESOURCE_KINDS: ResourceKind[] = ['document-desk', 'inspection-bay', 'scanner', 'lab', 'escort', 'gate'];
export const TRANSPORT_MODE_IDS: TransportModeId[] = ['road', 'rail', 'air', 'post'];

class SeasonalClosureSeed {
  @Matches(MM_DD, { message: 'must be MM-DD' })
  from!: string;

  @Matches(MM_DD, { message: 'must be MM-DD' })
  to!: string;
}

class CalendarSeed implements Calendar {
  @IsBoolean()
  allDay!: boolean;

  /** ISO weekdays, 1 = Monday ... 7 = Sunday. */
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  weekdays!: number[];

  @Matches(HH_MM, { message: 'must be HH:MM' })
  opens!: string;

  @Matches(HH_MM, { message: 'must be HH:MM' })
  closes!: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => SeasonalClosureSeed)
  seasonalClosure?: SeasonalClosureSeed;
}

class SiteResourceSeed extends SourcedSeed implements SiteResource {
  @IsIn(RESOURCE_KINDS)
  kind!: ResourceKind;

  /** Parallel servers (desks, bays, lanes, lab lines, escort teams). */
  @IsInt()
  @Min(1)
  capacity!: number;
}

export class SiteSeed extends SourcedSeed implements Site {
  @Matches(KEBAB_ID, { message: 'must be a kebab-case id' })
  id!: string;

  @IsString()
  @IsNotEmpty()
  name!: string;

  @IsString()
  @IsNotEmpty()
  nameZh!: string;

  @IsIn(SITE_KINDS)
  kind!: SiteKind;

  @NullOr()
  @Matches(ALPHA_3, { message: 'must be an ISO 3166 alpha-3 code or null' })
  countryFaced!: string | null;

  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIn(TRANSPORT_MODE_IDS, { each: true })
  modes!: TransportModeId[];

  @NullOr()
  @Matches(/^\d{4}$/, { message: 'must be a 4-digit customs code or null' })
  customsCode!: string | null;

  @IsBoolean()
  customsCodeVerified!: boolean;

  @IsDefined()
  @ValidateNested()
  @Type(() => CalendarSeed)
  calendar!: CalendarSeed;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => SiteResourceSeed)
  resources!: SiteResourceSeed[];

  @IsBoolean()
  greenChannel!: boolean;

  @IsBoolean()
  mutualTradeZone!: boolean;
}

export class SitesFile extends SeedFile {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => SiteSeed)
  items!: SiteSeed[];
}
