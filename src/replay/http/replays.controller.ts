import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Caller } from '../../auth/caller';
import { ApiKeyRequired } from '../../auth/http/api-key-header.decorator';
import type { CommandResponse } from '../../common/idempotency/idempotency';
import { ApiIdempotencyKey, IdempotencyKey } from '../../common/idempotency/idempotency-key.decorator';
import { PROBLEM_SCHEMA } from '../../common/http/openapi';
import { DEFAULT_PAGE, PageQuery } from '../../common/http/page.query';
import { greenChannel } from '../../planning/domain/reforms/green-channel.reform';
import { REPORT_FORMATS, REPORT_MEDIA_TYPES, renderReport } from '../../reports/domain/render-report';
import { parseReportJson } from '../../reports/domain/report.json';
import { ScenarioDto } from '../../scenarios/http/scenario.dto';
import { emptyBody } from '../../tir/http/tir-carnets.dto';
import { CancelReplayCommand } from '../application/cancel-replay.command';
import { type AcceptedReplay, type ReplayJob, replayView } from '../application/replay-job';
import { replayNotFound, reportUnavailable } from '../application/replay-job.errors';
import { StartReplayCommand } from '../application/start-replay.command';
import { ReplayJobsRepository } from '../persistence/replay-jobs.repository';
import { EXAMPLE_REPLAY_ID, REPLAY_VIEW_SCHEMA, ReplayReportQuery, StartReplayDto, validateStartReplay } from './replays.dto';

/** Examples that run in a moment: a bundled scenario cut to two replications, and a one-stream scenario sent inline. */
const START_EXAMPLES = {
  'bundled-scenario': {
    summary: 'A bundled scenario by name (Bakhtu grape exports, with and without the green channel), two replications',
    value: { scenario: 'bakhtu-green-channel', replications: 2 },
  },
  'inline-scenario': {
    summary: 'A scenario sent inline: grape exports at Bakhtu for three days, baseline against the green channel',
    value: {
      scenario: {
        name: 'bakhtu-grapes-three-days',
        title: 'Bakhtu grape exports over three days',
        start: '2024-09-02',
        horizonHours: 72,
        warmUpHours: 12,
        replications: 2,
        seed: 7,
        options: ['baseline', 'green-channel'],
        arrivals: [{ name: 'grapes', ratePerHour: 0.5, declaration: greenChannel.example }],
      },
      seed: 42,
    },
  },
};

const idParam = () => ApiParam({ name: 'id', description: 'The replay id (from POST /api/replays).', example: EXAMPLE_REPLAY_ID });
const uuid = () => new ParseUUIDPipe({ exceptionFactory: () => replayNotFound() });

/** Replays as persisted jobs (issue 5): queued by POST, run off the request thread, read back as a report in any format. */
@ApiTags('replays')
@ApiKeyRequired()
@ApiExtraModels(ScenarioDto)
@Controller('replays')
export class ReplaysController {
  constructor(
    private readonly commands: CommandBus,
    private readonly jobs: ReplayJobsRepository,
  ) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiIdempotencyKey()
  @ApiOperation({
    summary: 'Queue a replay of a scenario under its options (or those given), as a job',
    description:
      'Answers 202 at once with the job and its links; the replay runs in the background, one job at a time per server, its replications on worker threads. ' +
      'Poll GET /api/replays/{id} for the status and progress, then GET .../report. A job acknowledged here survives a restart: an unfinished one starts over.',
  })
  @ApiBody({ type: StartReplayDto, examples: START_EXAMPLES })
  @ApiAcceptedResponse({
    description: 'Queued: `{ id, status: "queued", progress: { done, total }, links: { self, report, cancel } }`, with a Location header',
    schema: { type: 'object', properties: { id: { type: 'string', format: 'uuid' }, status: { type: 'string', example: 'queued' }, progress: REPLAY_VIEW_SCHEMA.properties.progress, links: REPLAY_VIEW_SCHEMA.properties.links } },
  })
  @ApiBadRequestResponse({ description: 'A malformed field, here or in an inline scenario (REQUEST.INVALID, errors[].path like `scenario.arrivals[0].ratePerHour`)', schema: PROBLEM_SCHEMA })
  @ApiUnprocessableEntityResponse({
    description:
      'An unknown bundled scenario (REPLAY.UNKNOWN_SCENARIO) or option (REPLAY.UNKNOWN_OPTION, at `options[i]`), an inline scenario naming unknown codes, sites or options (REPLAY.SCENARIO_INVALID, at `scenario.<path>`), or an Idempotency-Key reused with another body',
    schema: PROBLEM_SCHEMA,
  })
  async start(@Caller() caller: Caller, @Body() body: unknown, @IdempotencyKey() key: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    const { scenario, options, replications, seed } = await validateStartReplay(body);
    const response: CommandResponse<AcceptedReplay> = await this.commands.execute(new StartReplayCommand(caller, { scenario, options, replications, seed }, key));
    reply.status(response.status).header('location', response.body.links.self);
    return response.body;
  }

  @Get()
  @ApiOperation({ summary: "The tenant's replays, newest first; cursor-paginated (`after` = the previous page's `next`)" })
  @ApiOkResponse({ schema: { type: 'object', properties: { items: { type: 'array', items: REPLAY_VIEW_SCHEMA }, next: { type: 'string', nullable: true } } } })
  async list(@Caller() caller: Caller, @Query() query: PageQuery) {
    const page = await this.jobs.list(caller.tenantId, query.after, query.limit ?? DEFAULT_PAGE);
    return { items: page.items.map(replayView), next: page.next === null ? null : String(page.next) };
  }

  @Get(':id')
  @idParam()
  @ApiOperation({ summary: 'A replay: status, progress (replications done of all), times, and the error of a failed one' })
  @ApiOkResponse({ schema: REPLAY_VIEW_SCHEMA })
  @ApiNotFoundResponse({ description: 'No such replay in this tenant (REPLAY.NOT_FOUND)', schema: PROBLEM_SCHEMA })
  async get(@Caller() caller: Caller, @Param('id', uuid()) id: string) {
    return replayView(await this.job(caller, id));
  }

  @Get(':id/report')
  @idParam()
  @ApiOperation({
    summary: 'The report of a succeeded replay, in the format asked for',
    description: 'Same scenario, seed and options: the same bytes. `json` is the Report itself (its schema is versioned by `schemaVersion`).',
  })
  @ApiOkResponse({
    description: 'The rendered report, with the content type of its format',
    content: Object.fromEntries(REPORT_FORMATS.map((f) => [REPORT_MEDIA_TYPES[f].split(';')[0], { schema: f === 'json' ? { type: 'object', description: 'The Report (schemaVersion, scenario, warnings, options, differences, calibration)' } : { type: 'string' } }])),
  })
  @ApiBadRequestResponse({ description: 'An unknown format (REQUEST.INVALID at `format`)', schema: PROBLEM_SCHEMA })
  @ApiNotFoundResponse({ description: 'No such replay in this tenant (REPLAY.NOT_FOUND)', schema: PROBLEM_SCHEMA })
  @ApiConflictResponse({ description: 'Not succeeded (REPLAY.REPORT_UNAVAILABLE): details.status, details.progress, and details.error for a failed one', schema: PROBLEM_SCHEMA })
  async report(@Caller() caller: Caller, @Param('id', uuid()) id: string, @Query() query: ReplayReportQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const found = await this.jobs.withReport(caller.tenantId, id);
    if (!found) throw replayNotFound(id);
    if (found.job.status !== 'succeeded' || found.report === null) throw reportUnavailable(found.job);
    const format = query.format ?? 'json';
    reply.header('content-type', REPORT_MEDIA_TYPES[format]);
    // The stored text is the json rendering itself; the other formats are made from the Report it holds
    // (one stored under an earlier schema version brought to the current shape).
    return format === 'json' ? found.report : renderReport(parseReportJson(found.report), format);
  }

  @Post(':id/cancel')
  @HttpCode(HttpStatus.OK)
  @idParam()
  @ApiOperation({
    summary: 'Cancel a queued or running replay',
    description: 'A queued job is cancelled at once; a running one stops its worker threads. Cancelling a cancelled job answers it again, unchanged.',
  })
  @ApiBody({ required: false, schema: { type: 'object', additionalProperties: false, description: 'No data' }, examples: { cancel: { summary: 'No data: the cancel itself', value: {} } } })
  @ApiOkResponse({ description: 'The replay, cancelled', schema: REPLAY_VIEW_SCHEMA })
  @ApiNotFoundResponse({ description: 'No such replay in this tenant (REPLAY.NOT_FOUND)', schema: PROBLEM_SCHEMA })
  @ApiConflictResponse({ description: 'The replay has already succeeded or failed (REPLAY.ALREADY_FINISHED, details.status)', schema: PROBLEM_SCHEMA })
  async cancel(@Caller() caller: Caller, @Param('id', uuid()) id: string, @Body() body: unknown) {
    emptyBody(body);
    const job: ReplayJob = await this.commands.execute(new CancelReplayCommand(caller, id));
    return replayView(job);
  }

  private async job(caller: Caller, id: string): Promise<ReplayJob> {
    const job = await this.jobs.get(caller.tenantId, id);
    if (!job) throw replayNotFound(id);
    return job;
  }
}
