// Schema of seeds/routes.json: haul times between sites; a route serves both directions.

import { Type } from 'class-transformer';
import { IsArray, IsIn, IsNumber, IsPositive, Matches, ValidateNested } from 'class-validator';
import type { Route, TransportModeId } from '../domain/reference-data';
import { KEBAB_ID, SeedFile, SourcedSeed } from './seed-schema';
import { TRANSPORT_MODE_IDS } from './sites.seed';

export class RouteSeed extends SourcedSeed implements Route {
  @Matches(KEBAB_ID, { message: 'must be a site id' })
  from!: string;

  @Matches(KEBAB_ID, { message: 'must be a site id' })
  to!: string;

  @IsIn(TRANSPORT_MODE_IDS)
  mode!: TransportModeId;

  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive()
  haulHours!: number;
}

export class RoutesFile extends SeedFile {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => RouteSeed)
  items!: RouteSeed[];
}
