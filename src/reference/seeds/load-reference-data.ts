// Reads the reference data from seeds/*.json, validates each file against its schema (*.seed.ts) and
// the files against each other, and returns plain ReferenceData. Any problem stops start-up with a
// SeedError naming the file and the JSON path, so a bad seed never reaches the planner.

import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import * as fs from 'fs';
import * as path from 'path';
import type { ReferenceData } from '../domain/reference-data';
import { ChannelRatesFile } from './channel-rates.seed';
import { CostItemsFile } from './cost-items.seed';
import { CreditClassesFile } from './credit-classes.seed';
import { CurrenciesFile } from './currencies.seed';
import { HsHeadingsFile } from './hs-headings.seed';
import { OptionsFile } from './options.seed';
import { RoutesFile } from './routes.seed';
import { crossCheck, SEED_FILES, SeedProblem } from './seed-cross-checks';
import type { SeedFile } from './seed-schema';
import { SitesFile } from './sites.seed';
import { StepsFile } from './steps.seed';
import { SupervisionModesFile } from './supervision-modes.seed';
import { TransportModesFile } from './transport-modes.seed';

export type { SeedProblem } from './seed-cross-checks';

const SCHEMAS: Record<keyof ReferenceData, new () => SeedFile> = {
  sites: SitesFile,
  supervisionModes: SupervisionModesFile,
  transportModes: TransportModesFile,
  hsHeadings: HsHeadingsFile,
  creditClasses: CreditClassesFile,
  channelRates: ChannelRatesFile,
  costItems: CostItemsFile,
  currencies: CurrenciesFile,
  steps: StepsFile,
  routes: RoutesFile,
  options: OptionsFile,
};

/** Problems shown in the message; all of them stay in `problems`. */
const MAX_LISTED = 20;

/** One or more problems in the seed files; each line of the message is "file: path: what is wrong". */
export class SeedError extends Error {
  constructor(readonly problems: SeedProblem[]) {
    const lines = problems.slice(0, MAX_LISTED).map(describeProblem);
    if (problems.length > MAX_LISTED) lines.push(`... and ${problems.length - MAX_LISTED} more`);
    super(lines.join('\n'));
    this.name = 'SeedError';
  }

  /** The file of the first problem, as shown in the message. */
  get file(): string {
    return this.problems[0].file;
  }
}

/** Loads and checks every seed file; `seedsDir` defaults to the project's seeds/ folder. */
export function loadReferenceData(seedsDir: string = projectSeedsDir()): ReferenceData {
  const problems: SeedProblem[] = [];
  const data = {} as Record<keyof ReferenceData, unknown[]>;
  for (const key of Object.keys(SEED_FILES) as Array<keyof ReferenceData>) {
    const found = readSeedFile(path.join(seedsDir, SEED_FILES[key]), SCHEMAS[key]);
    problems.push(...found.problems.map((p) => ({ file: SEED_FILES[key], ...p })));
    data[key] = found.items;
  }
  // References between files only mean something once every file has the right shape.
  if (problems.length === 0) problems.push(...crossCheck(data as unknown as ReferenceData));
  if (problems.length > 0) throw new SeedError(problems.map((p) => ({ ...p, file: displayName(path.join(seedsDir, p.file)) })));
  return data as unknown as ReferenceData;
}

type FileProblem = Omit<SeedProblem, 'file'>;

/** Parses and validates one file; returns its items as parsed (plain objects) when valid. */
function readSeedFile(file: string, schema: new () => SeedFile): { items: unknown[]; problems: FileProblem[] } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    return { items: [], problems: [{ path: '', message: `cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})` }] };
  }
  let plain: unknown;
  try {
    plain = JSON.parse(text);
  } catch (error) {
    return { items: [], problems: [malformed(text, error as Error)] };
  }
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) {
    return { items: [], problems: [{ path: '', message: 'must be an object { "description", "source", "items" }' }] };
  }
  // Without this, class-transformer would read an object in `items` as one row and report its every field.
  if (!Array.isArray((plain as { items?: unknown }).items)) return { items: [], problems: [{ path: 'items', message: 'must be an array of rows' }] };
  const errors = validateSync(plainToInstance(schema, plain), { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  const problems = flatten(errors);
  return { items: problems.length === 0 ? (plain as { items: unknown[] }).items : [], problems };
}

/** Turns class-validator's error tree into one problem per failed constraint, with paths like items[3].resources[0].capacity. */
function flatten(errors: ValidationError[], parent = ''): Array<{ path: string; message: string }> {
  return errors.flatMap((error) => {
    const isIndex = /^\d+$/.test(error.property);
    const at = isIndex ? `${parent}[${error.property}]` : parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => ({
      path: at,
      message: READABLE[constraint] ?? withoutPropertyName(message, error.property),
    }));
    return [...own, ...flatten(error.children ?? [], at)];
  });
}

/** Plainer words for class-validator's built-in messages that name the parent, not the field. */
const READABLE: Record<string, string> = {
  whitelistValidation: 'unknown field (not in the schema)',
  nestedValidation: 'must be an object',
};

/** class-validator starts its messages with the property name, which the path already shows. */
function withoutPropertyName(message: string, property: string): string {
  return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
}

/** JSON.parse reports a character offset (Node 20) or nothing at the end of input; give line and column. */
function malformed(text: string, error: Error): FileProblem {
  const offset = /position (\d+)/.exec(error.message);
  const before = text.slice(0, offset ? Number(offset[1]) : text.length).split('\n');
  const line = before.length;
  const column = before[before.length - 1].length + 1;
  const reason = error.message.replace(/ in JSON at position \d+.*$/, '');
  return { path: '', line, column, message: `malformed JSON at line ${line}, column ${column}: ${reason}` };
}

function describeProblem(problem: SeedProblem): string {
  return problem.path ? `${problem.file}: ${problem.path}: ${problem.message}` : `${problem.file}: ${problem.message}`;
}

/** Relative to the working directory when below it (seeds/sites.json), else absolute. */
function displayName(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

/** seeds/ next to the nearest package.json above this file: works from src/ (ts-jest) and dist/ (nest build). */
function projectSeedsDir(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return path.join(dir, 'seeds');
    if (path.dirname(dir) === dir) throw new Error(`no package.json found above ${__dirname}; pass the seeds directory explicitly`);
  }
}
