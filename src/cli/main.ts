// The `swsim` command line: the same planner as POST /api/plans, without an HTTP server, and the
// accounts (tenants and API keys) of the database the server uses (DATABASE_PATH or DATABASE_URL), and
// the scenarios (scenario.commands.ts).
// Exit codes: 0 done, 2 a problem with the input (file, JSON, field, unknown or ineligible reform), 1 anything else.

import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { QueryBus } from '@nestjs/cqrs';
import { Command, CommanderError, Option } from 'commander';
import { ROLES, type Role } from '../auth/api-key';
import { AccountsService } from '../auth/application/accounts.service';
import { DomainError } from '../common/domain/domain-error';
import { APP_VERSION } from '../common/http/app-version';
import { describeDatabase } from '../database/database.config';
import { openDatabase } from '../database/open-database';
import { rebuildDeclarations } from '../declarations/persistence/rebuild-declarations';
import { SqlEventStore } from '../event-store/sql-event-store';
import { rebuildTirCarnets } from '../tir/persistence/rebuild-tir-carnets';
import { rebuildZoneLedgers } from '../bonded-zones/persistence/rebuild-zone-ledgers';
import { GetPlanQuery } from '../planning/application/get-plan.query';
import { PlanningCatalogue } from '../planning/application/planning-catalogue';
import { ScenarioError } from '../scenarios/application/scenario.errors';
import { CliModule } from './cli.module';
import { formatPlan } from './plan.format';
import { UsageError, commaSeparated, describeInFile, readPlanRequest } from './plan-file';
import { renderTable } from './render';
import { addReplayCommand } from './replay.command';
import { addScenarioCommands } from './scenario.commands';

const EXIT_INPUT = 2;
const EXIT_FAILURE = 1;

type Format = 'table' | 'json' | 'md';

async function withContext<T>(use: (app: INestApplicationContext) => Promise<T>): Promise<T> {
  const app = await NestFactory.createApplicationContext(CliModule, { logger: false, abortOnError: false });
  try {
    return await use(app);
  } finally {
    await app.close();
  }
}

/** The accounts of the configured database, migrated first (as the server does at start-up); no Nest needed. */
async function withAccounts<T>(use: (accounts: AccountsService) => Promise<T>): Promise<T> {
  const database = await openDatabase();
  try {
    return await use(AccountsService.over(database.db));
  } finally {
    await database.close();
  }
}

function print(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

function formatOption(choices: Format[]): Option {
  return new Option('-f, --format <format>', 'output format').choices(choices).default('table');
}

export function buildProgram(): Command {
  const program = new Command('swsim')
    .description('Clearance plans for declarations at the Xinjiang FTZ land ports, under the baseline rules and the Overall Plan reforms')
    .version(APP_VERSION)
    .exitOverride()
    .showHelpAfterError();

  program
    .command('plan')
    .description('plan a declaration: steps, expected hours and cost, and the changes each reform makes')
    .argument('<declaration.json>', 'a declaration, or { declaration, reforms?, option?, parameters? }')
    .addOption(new Option('-r, --reforms <ids>', 'comma-separated reform ids (see `swsim reforms`); "" for the baseline').argParser(commaSeparated).conflicts('option'))
    .addOption(new Option('-o, --option <id>', 'an option id (see `swsim options`)'))
    .addOption(formatOption(['table', 'json', 'md']))
    .action(async (file: string, opts: { reforms?: string[]; option?: string; format: Format }) => {
      const { request, source } = await readPlanRequest(file, { reforms: opts.reforms, option: opts.option });
      const result = await withContext(async (app) => {
        try {
          return await app.get(QueryBus).execute(new GetPlanQuery(request));
        } catch (error) {
          if (error instanceof DomainError) throw describeInFile(error, source);
          throw error;
        }
      });
      print(opts.format === 'json' ? JSON.stringify(result, null, 2) : formatPlan(result, opts.format));
    });

  program
    .command('reforms')
    .description('list the reforms swsim models, in the order they compose')
    .addOption(formatOption(['table', 'json', 'md']))
    .action(async (opts: { format: Format }) => {
      const reforms = await withContext(async (app) => app.get(PlanningCatalogue).reforms());
      if (opts.format === 'json') return print(JSON.stringify(reforms, null, 2));
      print(
        renderTable(
          opts.format,
          ['id', 'title', 'clause', 'assumption', 'parameters (defaults)'],
          reforms.map((r) => [r.id, r.title, r.clause, r.assumption ? 'yes' : 'no', r.parameters.map((p) => `${p.name}=${+p.default.toFixed(4)}`).join(', ')]),
          [],
          [null, 30, 60, null, 30],
        ),
      );
    });

  program
    .command('options')
    .description('list the options: named sets of reforms that users compare')
    .addOption(formatOption(['table', 'json', 'md']))
    .action(async (opts: { format: Format }) => {
      const options = await withContext(async (app) => app.get(PlanningCatalogue).options());
      if (opts.format === 'json') return print(JSON.stringify(options, null, 2));
      print(
        renderTable(
          opts.format,
          ['id', 'title', 'reforms'],
          options.map((o) => [o.id, o.title, o.reforms.map((r) => r.id).join(', ') || '(baseline)']),
          [],
          [null, 40, 60],
        ),
      );
    });

  const keys = program.command('keys').description('API keys for the REST API (X-Api-Key), in the database at DATABASE_PATH');
  keys
    .command('create')
    .description('create an API key and print it, alone, on stdout (the tenant is created if absent)')
    .requiredOption('-t, --tenant <name>', 'tenant name')
    .addOption(new Option('-r, --role <role>', 'what the key may do').choices(ROLES).makeOptionMandatory())
    .action(async (opts: { tenant: string; role: Role }) => {
      const issued = await withAccounts(async (accounts) => {
        const { tenant, created } = await accounts.ensureTenant(opts.tenant);
        const key = await accounts.issueKey(tenant.name, opts.role);
        process.stderr.write(
          `swsim: ${created ? `created tenant '${tenant.name}' (seed ${tenant.seed}) and ` : ''}a ${opts.role} key for '${tenant.name}' ` +
            `(id ${key.id}, ${describeDatabase()}); it is shown only now\n`,
        );
        return key;
      });
      print(issued.key);
    });
  keys
    .command('list')
    .description("list a tenant's keys: id, role, prefix, created and revoked times (never the keys themselves)")
    .requiredOption('-t, --tenant <name>', 'tenant name')
    .addOption(formatOption(['table', 'json', 'md']))
    .action(async (opts: { tenant: string; format: Format }) => {
      const records = await withAccounts((accounts) => accounts.listKeys(opts.tenant));
      if (opts.format === 'json') return print(JSON.stringify(records, null, 2));
      print(
        renderTable(
          opts.format,
          ['id', 'role', 'prefix', 'created', 'revoked'],
          records.map((k) => [k.id, k.role, k.prefix, k.createdAt, k.revokedAt ?? '']),
        ),
      );
    });
  keys
    .command('revoke')
    .description('revoke a key by its id (from `keys list`); a running server refuses it within 60 s')
    .requiredOption('-t, --tenant <name>', 'tenant name')
    .argument('<key-id>', 'the id of the key')
    .action(async (keyId: string, opts: { tenant: string }) => {
      const revoked = await withAccounts((accounts) => accounts.revokeKey(opts.tenant, keyId));
      process.stderr.write(`swsim: revoked the ${revoked.role} key ${revoked.id} of '${opts.tenant}' (${describeDatabase()})\n`);
    });

  program
    .command('tenants')
    .description('tenants in the database at DATABASE_PATH')
    .command('list')
    .description('list the tenants with their sandbox seed, clock and option')
    .addOption(formatOption(['table', 'json', 'md']))
    .action(async (opts: { format: Format }) => {
      const tenants = await withAccounts((accounts) => accounts.listTenants());
      if (opts.format === 'json') return print(JSON.stringify(tenants, null, 2));
      print(
        renderTable(
          opts.format,
          ['name', 'id', 'seed', 'clock (min)', 'option', 'created'],
          tenants.map((t) => [t.name, t.id, t.seed, t.clockMinutes, t.optionId, t.createdAt]),
          ['left', 'left', 'right', 'right'],
        ),
      );
    });

  program
    .command('projections')
    .description('read models kept from the events in the database at DATABASE_PATH')
    .command('rebuild')
    .description('rebuild the read models (declarations, TIR carnets, bonded-zone ledgers) from the event store, which is the truth')
    .action(async () => {
      const database = await openDatabase();
      try {
        const store = new SqlEventStore(database.db);
        const declarations = await rebuildDeclarations(database.db, store);
        const carnets = await rebuildTirCarnets(database.db, store);
        const ledgers = await rebuildZoneLedgers(database.db, store);
        print(
          `rebuilt ${declarations.declarations} declarations, ${carnets.carnets} TIR carnets and ${ledgers.ledgers} bonded-zone ledgers ` +
            `from their events (${describeDatabase()})`,
        );
      } finally {
        await database.close();
      }
    });

  addScenarioCommands(program);
  addReplayCommand(program);

  return program;
}

/** A reader that stops early (`swsim replay x | head`) closes the pipe: that ends the output, it is not an error. */
function endQuietlyOnClosedPipe(): void {
  if (process.stdout.listenerCount('error') > 0) return;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

export async function run(argv: string[]): Promise<number> {
  endQuietlyOnClosedPipe();
  try {
    await buildProgram().parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed the message (or the help or version).
      return error.exitCode === 0 ? 0 : EXIT_INPUT;
    }
    if (error instanceof ScenarioError) {
      // One `file:line:column: path: message` line per problem, as editors and terminals link them.
      process.stderr.write(`${error.message}\n`);
      return EXIT_INPUT;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      return EXIT_INPUT;
    }
    if (error instanceof DomainError) {
      process.stderr.write(`swsim: ${error.message}\n${error.errors.map((e) => `  ${e.path}: ${e.message}\n`).join('')}`);
      return EXIT_INPUT;
    }
    process.stderr.write(`swsim: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT_FAILURE;
  }
}

// `node dist/cli/main.js ...` runs it directly; bin/swsim.js calls run() itself.
if (require.main === module) {
  void run(process.argv).then((code) => {
    process.exitCode = code;
  });
}
