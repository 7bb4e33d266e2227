// The bodies and queries of /api/replays. `scenario` is a bundled scenario's name or a whole scenario
// object; the object is validated with the scenario file's own classes (ScenarioDto), and its problems
// are reported beside the other fields', at `scenario.<path>`, all in one 400.

import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { ArrayNotEmpty, ArrayUnique, IsArray, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateBy } from 'class-validator';
import { MAX_SEED } from '../../auth/application/accounts.service';
import { DomainError, type FieldProblem } from '../../common/domain/domain-error';
import { invalidRequest, validatePlain } from '../../common/http/validation';
import { REPORT_FORMATS, type ReportFormat } from '../../reports/domain/render-report';
import { KEBAB_ID } from '../../reference/seeds/seed-schema';
import { ScenarioDto, SiteOverrideDto } from '../../scenarios/http/scenario.dto';
import { REPLAY_STATUSES } from '../application/replay-job';

/** Replications a request may ask for instead of the scenario's. */
export const MAX_REQUESTED_REPLICATIONS = 100;
export const EXAMPLE_REPLAY_ID = '0b6f4f6e-8c1d-4e3a-9a57-2f1c3d4e5a6b';

const isJsonObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const SCENARIO_REFERENCE = 'must be the name of a bundled scenario (kebab-case, e.g. bakhtu-green-channel) or a scenario object';

export class StartReplayDto {
  @ApiProperty({
    description:
      'A bundled scenario by name (the `scenarios/*.yaml` file names, as `swsim scenarios` lists them), or a whole scenario as the object a scenario file holds (`swsim schema`). ' +
      'An inline scenario cannot name a recorded CSV stream.',
    oneOf: [{ type: 'string', pattern: KEBAB_ID.source, example: 'bakhtu-green-channel' }, { $ref: getSchemaPath(ScenarioDto) }],
  })
  @ValidateBy({ name: 'isScenarioReference', validator: { validate: (v: unknown) => (typeof v === 'string' && KEBAB_ID.test(v)) || isJsonObject(v), defaultMessage: () => SCENARIO_REFERENCE } })
  scenario!: string | Record<string, unknown>;

  @ApiPropertyOptional({
    description: "Option ids (GET /api/options) to compare instead of the scenario's; the first is the one differences are taken against.",
    type: [String],
    example: ['baseline', 'green-channel'],
  })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty({ message: 'must name at least one option' })
  @ArrayUnique({ message: 'must not repeat an option' })
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  options?: string[];

  @ApiPropertyOptional({ description: `Independent replications instead of the scenario's, 1 to ${MAX_REQUESTED_REPLICATIONS}.`, type: 'integer', minimum: 1, maximum: MAX_REQUESTED_REPLICATIONS, example: 3 })
  @IsOptional()
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(MAX_REQUESTED_REPLICATIONS)
  replications?: number;

  @ApiPropertyOptional({ description: `Seed of every random stream instead of the scenario's, 0 to ${MAX_SEED}. Same scenario, seed and options: the same report, byte for byte.`, type: 'integer', minimum: 0, maximum: MAX_SEED, example: 7 })
  @IsOptional()
  @IsInt({ message: 'must be a whole number' })
  @Min(0)
  @Max(MAX_SEED)
  seed?: number;
}

/**
 * The body of POST /api/replays, every shape problem at once: the request's fields, then an inline
 * scenario's as the scenario loader checks its shape (the fields, then each entry of `sites`). What
 * only the reference data can say (unknown codes, options, sites) is the loader's, later: a 422.
 */
export async function validateStartReplay(body: unknown): Promise<StartReplayDto> {
  const problems: FieldProblem[] = [];
  const collect = async <T extends object>(run: () => Promise<T>, at: (path: string) => string): Promise<T | null> => {
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      problems.push(...error.errors.map((p) => ({ path: at(p.path), message: p.message })));
      return null;
    }
  };
  const dto = await collect(() => validatePlain(StartReplayDto, body ?? {}), (p) => p);
  const scenario = isJsonObject(body) ? body.scenario : undefined;
  if (isJsonObject(scenario)) {
    await collect(() => validatePlain(ScenarioDto, scenario, 'scenario'), (p) => (p ? `scenario.${p}` : 'scenario'));
    for (const [id, override] of Object.entries(isJsonObject(scenario.sites) ? scenario.sites : {})) {
      const base = `scenario.sites.${id}`;
      const site = await collect(() => validatePlain(SiteOverrideDto, override ?? {}, 'site'), (p) => (p ? `${base}.${p}` : base));
      for (const [kind, capacity] of Object.entries(site?.resources ?? {})) {
        if (typeof capacity !== 'number' || !Number.isInteger(capacity) || capacity < 1) problems.push({ path: `${base}.resources.${kind}`, message: 'must be a whole number of at least 1 (parallel servers)' });
      }
    }
  }
  if (problems.length > 0 || !dto) throw invalidRequest(problems);
  return dto;
}

export class ReplayReportQuery {
  @ApiPropertyOptional({
    description: 'json (the Report, a versioned schema), md, html (one self-contained page with SVG charts), csv or table (plain text). Default json.',
    enum: REPORT_FORMATS,
    default: 'json',
  })
  @IsOptional()
  @IsIn(REPORT_FORMATS, { message: `must be one of ${REPORT_FORMATS.join(', ')}` })
  format?: ReportFormat;
}

/** OpenAPI: the job as GET /api/replays/{id} answers it. */
export const REPLAY_VIEW_SCHEMA = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid', example: EXAMPLE_REPLAY_ID },
    status: { type: 'string', enum: [...REPLAY_STATUSES], description: 'queued, running, then succeeded, failed or cancelled.' },
    scenario: { type: 'object', properties: { name: { type: 'string', example: 'bakhtu-green-channel' }, title: { type: 'string' } }, description: 'The scenario replayed (`inline` when an inline one gave no name).' },
    options: { type: 'array', items: { type: 'string' }, example: ['baseline', 'green-channel'] },
    replications: { type: 'integer', example: 3 },
    seed: { type: 'integer', example: 7 },
    progress: {
      type: 'object',
      properties: { done: { type: 'integer', description: 'Replications finished, over all options.' }, total: { type: 'integer', description: 'Options times replications.' } },
    },
    createdAt: { type: 'string', format: 'date-time', description: 'Wall-clock time of the request.' },
    startedAt: { type: 'string', format: 'date-time', nullable: true, description: 'When the current run started; null while queued.' },
    finishedAt: { type: 'string', format: 'date-time', nullable: true },
    error: { type: 'object', nullable: true, description: 'Why a failed replay stopped, as a problem-details body (INTERNAL: a fault on our side). An overloaded scenario does not fail: its report warns of it.' },
    links: {
      type: 'object',
      properties: { self: { type: 'string' }, report: { type: 'string' }, cancel: { type: 'string' } },
    },
  },
};
