// `swsim scenarios`, `swsim schema` and `swsim export-stream`: the bundled scenarios and what each is
// calibrated to, the JSON Schema of a scenario file, and a tenant's lodgements as a recorded stream.
// None needs Nest: the reference data and the database are opened directly.

import { type Command, Option } from 'commander';
import { AccountsService } from '../auth/application/accounts.service';
import { DomainError } from '../common/domain/domain-error';
import { describeDatabase } from '../database/database.config';
import { openDatabase } from '../database/open-database';
import { SqlEventStore } from '../event-store/sql-event-store';
import { ReferenceIndex } from '../reference/domain/reference-index';
import { loadReferenceData } from '../reference/seeds/load-reference-data';
import { writeRecordedStream } from '../scenarios/application/recorded-stream';
import { ScenarioError } from '../scenarios/application/scenario.errors';
import { bundledScenariosDir, loadBundledScenarios } from '../scenarios/application/scenario-loader';
import { scenarioJsonSchema } from '../scenarios/application/scenario-schema';
import { tenantRecordedStream } from '../scenarios/application/tenant-stream';
import type { CalibrationTarget } from '../scenarios/domain/scenario';
import { UsageError } from './plan-file';
import { renderTable } from './render';

/** The reference data as the server loads it (SWSIM_SEEDS_DIR or seeds/). */
export function referenceIndex(): ReferenceIndex {
  return new ReferenceIndex(loadReferenceData(process.env.SWSIM_SEEDS_DIR || undefined));
}

function print(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** A target's published figure for the listing: '= 16.3 hours ±15 %', 'in 48 to 72 hours', 'at most 16 hours'. */
function publishedFigure(c: CalibrationTarget): string {
  if (c.kind === 'value') return `= ${c.value} ${c.unit} ±${Math.round(c.tolerance * 1000) / 10} %`;
  if (c.atLeast !== null && c.atMost !== null) return `in ${c.atLeast} to ${c.atMost} ${c.unit}`;
  return c.atMost !== null ? `at most ${c.atMost} ${c.unit}` : `at least ${c.atLeast} ${c.unit}`;
}

export function addScenarioCommands(program: Command): void {
  program
    .command('scenarios')
    .description('list the bundled scenarios (SWSIM_SCENARIOS_DIR or scenarios/) and the published figures each is calibrated to')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
    .action(async (opts: { format: 'table' | 'json' }) => {
      const { scenarios, problems } = await loadBundledScenarios(referenceIndex());
      const listed = scenarios.map(({ name, file, scenario }) => ({
        name,
        title: scenario.title,
        description: scenario.description,
        file,
        options: scenario.options,
        calibration: scenario.calibration.map((c) => ({
          figure: c.figure,
          kind: c.kind,
          ...(c.kind === 'value' ? { value: c.value, tolerance: c.tolerance } : { atLeast: c.atLeast, atMost: c.atMost }),
          unit: c.unit,
          metric: c.metric,
          option: c.option,
          source: c.source,
        })),
      }));
      if (opts.format === 'json') print(JSON.stringify(listed, null, 2));
      else if (listed.length === 0) print(`no bundled scenarios in ${bundledScenariosDir()}`);
      else {
        print(
          renderTable(
            'table',
            ['name', 'title', 'calibrated to (option: metric and the published value, range or bound)'],
            scenarios.map(({ name, scenario }) => [name, scenario.title, scenario.calibration.map((c) => `${c.option}: ${c.metric} ${publishedFigure(c)}; ${c.figure}`).join('\n') || '(no published figure)']),
            [],
            [null, 40, 70],
          ),
        );
      }
      // The good ones are listed; a broken bundled file is still an error, named at its line.
      if (problems.length > 0) throw new ScenarioError(problems);
    });

  program
    .command('schema')
    .description('print the JSON Schema (draft-07) of a scenario file, for editors: # yaml-language-server: $schema=<file>')
    .action(() => {
      print(JSON.stringify(scenarioJsonSchema(referenceIndex()), null, 2));
    });

  program
    .command('export-stream')
    .description("print as CSV what a tenant lodged over REST (database at DATABASE_PATH), a recorded stream for a scenario's `recorded: { file }`")
    .requiredOption('-t, --tenant <name>', 'tenant name')
    .action(async (opts: { tenant: string }) => {
      const database = await openDatabase();
      try {
        let tenantId: string;
        try {
          tenantId = (await AccountsService.over(database.db).tenant(opts.tenant)).id;
        } catch (error) {
          if (error instanceof DomainError && error.code === 'TENANT.NOT_FOUND') {
            throw new UsageError(`swsim: no tenant named '${opts.tenant}' in ${describeDatabase()}; see \`swsim tenants list\``);
          }
          throw error;
        }
        const rows = await tenantRecordedStream(new SqlEventStore(database.db), tenantId);
        process.stdout.write(writeRecordedStream(rows));
        process.stderr.write(`swsim: ${rows.length} declarations lodged by '${opts.tenant}'; arrivalMinutes count from the tenant's sandbox minute 0\n`);
      } finally {
        await database.close();
      }
    });
}
