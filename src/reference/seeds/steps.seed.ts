// Schema of seeds/steps.json: step templates with their duration distribution (minutes) and cost items.

import { Type } from 'class-transformer';
import { ArrayNotEmpty, Equals, IsArray, IsDefined, IsIn, IsNotEmpty, IsNumber, IsString, Matches, Max, Min, ValidateNested } from 'class-validator';
import { ACTORS, TRS_INTERVALS } from '../domain/reference-data';
import type { Actor, Distribution, ResourceKind, StepTemplate, TrsInterval } from '../domain/reference-data';
import { IsAtLeastSibling, KEBAB_ID, NullOr, SeedFile, SourcedSeed } from './seed-schema';
import { RESOURCE_KINDS } from './sites.seed';

type Kind = Distribution['kind'];
type Of<K extends Kind> = Extract<Distribution, { kind: K }>;
const KINDS: Kind[] = ['constant', 'uniform', 'triangular', 'exponential', 'lognormal', 'empirical'];
const FINITE = { allowNaN: false, allowInfinity: false };

/** Chosen when `kind` names no distribution, so the error says which kinds exist. */
class UnknownDistributionSeed {
  @IsIn(KINDS)
  kind!: Kind;
}

class ConstantSeed implements Of<'constant'> {
  @Equals('constant')
  kind!: 'constant';

  @IsNumber(FINITE)
  @Min(0)
  minutes!: number;
}

class UniformSeed implements Of<'uniform'> {
  @Equals('uniform')
  kind!: 'uniform';

  @IsNumber(FINITE)
  @Min(0)
  min!: number;

  @IsNumber(FINITE)
  @IsAtLeastSibling('min')
  max!: number;
}

class TriangularSeed implements Of<'triangular'> {
  @Equals('triangular')
  kind!: 'triangular';

  @IsNumber(FINITE)
  @Min(0)
  min!: number;

  @IsNumber(FINITE)
  @IsAtLeastSibling('min')
  mode!: number;

  @IsNumber(FINITE)
  @IsAtLeastSibling('mode')
  max!: number;
}

class ExponentialSeed implements Of<'exponential'> {
  @Equals('exponential')
  kind!: 'exponential';

  @IsNumber(FINITE)
  @Min(0)
  mean!: number;
}

class LognormalSeed implements Of<'lognormal'> {
  @Equals('lognormal')
  kind!: 'lognormal';

  @IsNumber(FINITE)
  @Min(0)
  mean!: number;

  /** Coefficient of variation: standard deviation over mean, no unit. */
  @IsNumber(FINITE)
  @Min(0)
  cv!: number;
}

class EmpiricalSeed implements Of<'empirical'> {
  @Equals('empirical')
  kind!: 'empirical';

  @IsArray()
  @ArrayNotEmpty()
  @IsNumber(FINITE, { each: true })
  @Min(0, { each: true })
  values!: number[];
}

type DistributionSeed = ConstantSeed | UniformSeed | TriangularSeed | ExponentialSeed | LognormalSeed | EmpiricalSeed;

export class StepTemplateSeed extends SourcedSeed implements StepTemplate {
  @Matches(KEBAB_ID, { message: 'must be a kebab-case id' })
  id!: string;

  @IsString()
  @IsNotEmpty()
  title!: string;

  @IsIn(TRS_INTERVALS)
  interval!: TrsInterval;

  @IsIn(ACTORS)
  actor!: Actor;

  @NullOr()
  @IsIn(RESOURCE_KINDS, { message: `must be one of ${RESOURCE_KINDS.join(', ')} or null` })
  resource!: ResourceKind | null;

  /** Minutes. The `kind` field picks the class; an unknown kind falls back to UnknownDistributionSeed. */
  @IsDefined()
  @ValidateNested()
  @Type(() => UnknownDistributionSeed, {
    keepDiscriminatorProperty: true,
    discriminator: {
      property: 'kind',
      subTypes: [
        { name: 'constant', value: ConstantSeed },
        { name: 'uniform', value: UniformSeed },
        { name: 'triangular', value: TriangularSeed },
        { name: 'exponential', value: ExponentialSeed },
        { name: 'lognormal', value: LognormalSeed },
        { name: 'empirical', value: EmpiricalSeed },
      ],
    },
  })
  duration!: DistributionSeed;

  /** Chance the step runs when a rule includes it, 0 to 1. */
  @IsNumber(FINITE)
  @Min(0)
  @Max(1)
  probability!: number;

  @IsArray()
  @Matches(KEBAB_ID, { each: true, message: 'each value in costs must be a cost item id' })
  costs!: string[];
}

export class StepsFile extends SeedFile {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => StepTemplateSeed)
  items!: StepTemplateSeed[];
}
