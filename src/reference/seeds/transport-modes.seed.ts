// Schema of seeds/transport-modes.json: TrafMode codes of the Single Window [S108].

import { Type } from 'class-transformer';
import { IsArray, IsIn, IsNotEmpty, IsString, Matches, ValidateNested } from 'class-validator';
import type { TransportMode, TransportModeId } from '../domain/reference-data';
import { SeedFile, SourcedSeed } from './seed-schema';
import { TRANSPORT_MODE_IDS } from './sites.seed';

type Conveyance = TransportMode['conveyance'];
const CONVEYANCES: Conveyance[] = ['truck', 'wagon', 'aircraft', 'none'];

export class TransportModeSeed extends SourcedSeed implements TransportMode {
  @IsIn(TRANSPORT_MODE_IDS)
  id!: TransportModeId;

  /** One character: a digit or a capital letter (rules.md §7.4). */
  @Matches(/^[0-9A-Z]$/, { message: 'must be a one-character TrafMode code' })
  code!: string;

  @IsString()
  @IsNotEmpty()
  name!: string;

  @IsIn(CONVEYANCES)
  conveyance!: Conveyance;
}

export class TransportModesFile extends SeedFile {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => TransportModeSeed)
  items!: TransportModeSeed[];
}
