// The JSON Schema (draft-07, which editors' YAML and JSON extensions read) of a scenario file,
// generated from the class-validator classes the loader validates with, so the two cannot drift:
// class-validator-jsonschema turns the decorators into properties, the @ApiProperty descriptions are
// added for editor hovers, and, given the reference data, ids (options, sites, codes) become enums.
// `swsim schema` prints it; scenarios/scenario.schema.json is its output for the seeds in the repo.

import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { DeclarationDto, DeclarationFlagsDto, GoodsLineDto, TraderDto } from '../../planning/http/declaration.dto';
import type { ReferenceIndex } from '../../reference/domain/reference-index';
import { RESOURCE_KINDS } from '../../reference/seeds/sites.seed';
import {
  ArrivalStreamDto,
  CalibrationTargetDto,
  RecordedStreamDto,
  ScenarioDto,
  SiteCalendarDto,
  SiteOverrideDto,
  SiteSeasonalClosureDto,
} from '../http/scenario.dto';

// class-transformer's metadata (which class a nested field holds) is not in its public entry point;
// class-validator-jsonschema documents reading it from here.
type StorageModule = typeof import('class-transformer/types/storage');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as StorageModule;

/** Where @nestjs/swagger keeps each property's @ApiProperty options (its DECORATORS.API_MODEL_PROPERTIES, not exported). */
const API_MODEL_PROPERTIES = 'swagger/apiModelProperties';

export const JSON_SCHEMA_DRAFT = 'http://json-schema.org/draft-07/schema#';

export type JsonSchema = { [keyword: string]: unknown };

const CLASSES = [
  ScenarioDto,
  CalibrationTargetDto,
  ArrivalStreamDto,
  SiteOverrideDto,
  SiteCalendarDto,
  SiteSeasonalClosureDto,
  RecordedStreamDto,
  DeclarationDto,
  TraderDto,
  GoodsLineDto,
  DeclarationFlagsDto,
];

/** The schema of a scenario file; with `ref`, ids that must exist in the reference data are enums. */
export function scenarioJsonSchema(ref?: ReferenceIndex): JsonSchema {
  const generated = validationMetadatasToSchemas({ classTransformerMetadataStorage: defaultMetadataStorage, refPointerPrefix: '#/definitions/' }) as Record<string, JsonSchema>;
  const definitions: Record<string, JsonSchema> = {};
  for (const cls of CLASSES) {
    const schema = structuredClone(generated[cls.name]);
    const properties = schema.properties as Record<string, JsonSchema>;
    for (const [name, property] of Object.entries(properties)) {
      const description = (Reflect.getMetadata(API_MODEL_PROPERTIES, cls.prototype, name) as { description?: string } | undefined)?.description;
      if (description) properties[name] = { description, ...property };
    }
    // The loader refuses fields it does not know (forbidNonWhitelisted).
    definitions[cls.name] = { ...schema, additionalProperties: false };
  }
  const property = (cls: { name: string }, name: string) => (definitions[cls.name].properties as Record<string, JsonSchema>)[name];

  property(SiteOverrideDto, 'resources').propertyNames = { enum: RESOURCE_KINDS };
  // A figure is published as a value (value and tolerance) or as a range or bound (atLeast and/or
  // atMost), never both; that atLeast < atMost the loader checks.
  const hasAny = (fields: string[]): JsonSchema => ({ anyOf: fields.map((field) => ({ required: [field] })) });
  definitions[CalibrationTargetDto.name].oneOf = [
    { required: ['value', 'tolerance'], not: hasAny(['atLeast', 'atMost']) },
    { ...hasAny(['atLeast', 'atMost']), not: hasAny(['value', 'tolerance']) },
  ];
  if (ref) {
    const optionIds = [...ref.options.keys()];
    const siteIds = [...ref.sites.keys()];
    (property(ScenarioDto, 'options').items as JsonSchema).enum = optionIds;
    property(CalibrationTargetDto, 'option').enum = optionIds;
    property(ScenarioDto, 'sites').propertyNames = { enum: siteIds };
    for (const field of ['port', 'inlandSite', 'exitPort']) property(DeclarationDto, field).enum = siteIds;
    property(DeclarationDto, 'supervisionMode').enum = [...ref.supervisionModes.keys()];
    property(GoodsLineDto, 'currency').enum = [...ref.currencies.keys()];
  }

  const { ScenarioDto: root, ...others } = definitions;
  return {
    $schema: JSON_SCHEMA_DRAFT,
    title: 'swsim scenario',
    description:
      'A replayable scenario of the swsim single-window simulator (scenarios/README.md): arrival streams or a recorded CSV stream, horizon, replications, seed and the options to compare.',
    ...root,
    // A scenario replays something: arrival streams, a recorded stream, or both.
    anyOf: [{ required: ['arrivals'] }, { required: ['recorded'] }],
    definitions: others,
  };
}
