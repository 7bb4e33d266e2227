// Reads a scenario file (YAML, or JSON, which is YAML too) into the Scenario the replay engine takes:
// YAML syntax, then the shape (ScenarioDto, the same classes and options as the API), then the
// reference data (sites, resource kinds, options, every declaration planned under every option), then
// the recorded CSV stream it names. Every problem is reported at its file, line and column, all at once.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { DomainError, type FieldProblem } from '../../common/domain/domain-error';
import { validatePlain } from '../../common/http/validation';
import { toDeclaration } from '../../planning/http/plan-request.mapper';
import type { Calendar, ResourceKind } from '../../reference/domain/reference-data';
import type { ReferenceIndex } from '../../reference/domain/reference-index';
import { RESOURCE_KINDS } from '../../reference/seeds/sites.seed';
import type { ArrivalStream, CalibrationTarget, RecordedDeclaration, Scenario, SiteOverride } from '../domain/scenario';
import { type CalibrationTargetDto, type SiteCalendarDto, ScenarioDto, SiteOverrideDto } from '../http/scenario.dto';
import { LodgingCheck } from './lodging-check';
import { dayNumber, parseRecordedStream } from './recorded-stream';
import { ScenarioError, type ScenarioProblem, scenarioNotFound } from './scenario.errors';
import { YamlText } from './yaml-text';

export interface ParseScenarioOptions {
  /** The name when the file gives none; default: the file name without its extension. */
  name?: string;
  /** Reads a file the scenario names (its recorded stream), given the path resolved against the scenario's folder. Default: the file system. */
  readFile?: (file: string) => string;
}

/** The share by which the mean of an hourly profile may miss 1. */
const PROFILE_MEAN_TOLERANCE = 0.01;
const SCENARIO_EXTENSIONS = /\.ya?ml$/;

/** Parses and checks a scenario; throws ScenarioError with every problem, each at its file, line and column. */
export async function parseScenario(text: string, fileName: string, ref: ReferenceIndex, options: ParseScenarioOptions = {}): Promise<Scenario> {
  const yaml = new YamlText(text);
  const problems: ScenarioProblem[] = [];
  const at = (fieldPath: string, message: string, where: 'value' | 'key' = 'value') => problems.push({ file: fileName, ...yaml.place(fieldPath, where), path: fieldPath, message });

  const syntax = yaml.syntaxProblems();
  if (syntax.length > 0) throw new ScenarioError(syntax.map((p) => ({ file: fileName, line: p.line, column: p.column, path: '', message: `YAML: ${p.message}` })));
  const data = yaml.data();
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ScenarioError([{ file: fileName, ...yaml.place(''), path: '', message: 'a scenario is a YAML mapping of fields (title, start, horizonHours, seed, options, arrivals, ...)' }]);
  }

  // The shape: one pass over the whole file, so that every problem is listed at once.
  const placeField = (p: FieldProblem) => {
    const unknownKey = p.message === 'property should not exist';
    let message = unknownKey ? `unknown field; ${knownFields(p.path)}` : p.message;
    if (p.message === 'must be a string' && yaml.isPlainNumber(p.path)) {
      const written = yaml.source(p.path);
      message = `must be a string: YAML reads the unquoted ${written} as a number; write it in quotes, '${written}'`;
    }
    at(p.path, message, unknownKey ? 'key' : 'value');
  };
  let dto: ScenarioDto | null = null;
  try {
    dto = await validatePlain(ScenarioDto, data, 'scenario');
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    error.errors.forEach(placeField);
  }
  const sites = await siteOverrides((data as Record<string, unknown>).sites, ref, placeField, at);
  if (!dto || problems.length > 0) throw new ScenarioError(problems);

  checkScenario(dto, ref, at);
  const arrivals = arrivalStreams(dto, ref, at);
  const recorded = dto.recorded ? await recordedStream(dto, fileName, ref, options, problems, at) : [];
  if (problems.length > 0) throw new ScenarioError(problems);

  return {
    name: dto.name ?? options.name ?? path.basename(fileName).replace(/\.[^.]*$/, ''),
    title: dto.title,
    description: dto.description ?? '',
    calibration: (dto.calibration ?? []).map(calibrationTarget),
    start: dto.start,
    horizonHours: dto.horizonHours,
    warmUpHours: dto.warmUpHours ?? 0,
    replications: dto.replications ?? 10,
    seed: dto.seed,
    options: [...dto.options],
    unlimitedResources: dto.unlimitedResources ?? false,
    sites: sites ?? {},
    arrivals,
    recorded,
  };
}

/** Reads a scenario file; `file` is shown in messages as given. */
export async function loadScenarioFile(file: string, ref: ReferenceIndex, options: ParseScenarioOptions = {}): Promise<Scenario> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new ScenarioError([{ file, line: 1, column: 1, path: '', message: `cannot read the file: ${readFailure(error)}` }]);
  }
  return parseScenario(text, file, ref, options);
}

/**
 * A bundled scenario by name (a file `<name>.yaml` in the bundled folder) or a scenario file by path.
 * Throws SCENARIO.NOT_FOUND for a name that is neither, ScenarioError for a file with problems.
 */
export async function resolveScenario(nameOrFile: string, ref: ReferenceIndex, dir: string = bundledScenariosDir()): Promise<Scenario> {
  if (isFile(nameOrFile) || /[\\/]/.test(nameOrFile) || SCENARIO_EXTENSIONS.test(nameOrFile)) return loadScenarioFile(nameOrFile, ref);
  const bundled = bundledScenarioFiles(dir);
  const file = bundled.find((f) => scenarioName(f) === nameOrFile);
  if (!file) throw scenarioNotFound(nameOrFile, bundled.map(scenarioName));
  return loadScenarioFile(displayName(file), ref, { name: nameOrFile });
}

export interface BundledScenario {
  name: string;
  /** As shown in messages: relative to the working directory when under it. */
  file: string;
  scenario: Scenario;
}

/** Every bundled scenario, by name; the problems of those that do not load are returned beside them. */
export async function loadBundledScenarios(ref: ReferenceIndex, dir: string = bundledScenariosDir()): Promise<{ scenarios: BundledScenario[]; problems: ScenarioProblem[] }> {
  const scenarios: BundledScenario[] = [];
  const problems: ScenarioProblem[] = [];
  for (const file of bundledScenarioFiles(dir)) {
    const name = scenarioName(file);
    try {
      scenarios.push({ name, file: displayName(file), scenario: await loadScenarioFile(displayName(file), ref, { name }) });
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      problems.push(...error.problems);
    }
  }
  return { scenarios, problems };
}

/** The bundled scenarios' folder: SWSIM_SCENARIOS_DIR, or scenarios/ beside the package.json above this file. */
export function bundledScenariosDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SWSIM_SCENARIOS_DIR) return env.SWSIM_SCENARIOS_DIR;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return path.join(dir, 'scenarios');
    if (path.dirname(dir) === dir) throw new Error(`no package.json found above ${__dirname}; set SWSIM_SCENARIOS_DIR`);
  }
}

/** The scenario files of a folder, sorted by name. */
export function bundledScenarioFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = fs.readdirSync(dir);
  } catch {
    return [];
  }
  return entries
    .filter((f) => SCENARIO_EXTENSIONS.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

const scenarioName = (file: string) => path.basename(file).replace(SCENARIO_EXTENSIONS, '');

function displayName(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function readFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
}

/** The fields allowed where an unknown one was found, for the message. */
function knownFields(fieldPath: string): string {
  const parent = fieldPath.replace(/(^|\.)[^.[\]]+$|\[\d+\]$/, '');
  const shapes: Array<[RegExp, string]> = [
    [/^$/, 'name, title, description, calibration, start, horizonHours, warmUpHours, replications, seed, options, unlimitedResources, sites, arrivals, recorded'],
    [/^calibration\[\d+\]$/, 'figure, source, option, metric, value, unit, tolerance, atLeast, atMost'],
    [/^arrivals\[\d+\]$/, 'name, ratePerHour, hourlyProfile, declaration, commodity, procedure, advance'],
    [/^recorded$/, 'file'],
    [/^sites\.[^.]+$/, 'resources, calendar'],
    [/^sites\.[^.]+\.calendar$/, 'allDay, weekdays, opens, closes, seasonalClosure'],
    [/\.declaration$/, DECLARATION_FIELDS],
    [/\.declaration\.goods\[\d+\]$/, 'hsCode, description, quantity, unit, customsValueMinor, currency, repairFeeMinor, unNumber'],
    [/\.declaration\.trader$/, 'name, creditClass'],
    [/\.declaration\.flags$/, 'freshProduce, mineral, dangerousGoods, vehicle'],
  ];
  const found = shapes.find(([pattern]) => pattern.test(parent));
  return found ? `the fields here are ${found[1]}` : 'see `swsim schema` for the fields allowed here';
}

const DECLARATION_FIELDS =
  'flow, port, transportMode, supervisionMode, trader, goods, inlandSite, exitPort, conveyances, tirCarnet, flags, qualityCertificateRequested, certificateOfOrigin, disposition, borderResidents';

type At = (fieldPath: string, message: string, where?: 'value' | 'key') => void;

/** `sites`, checked entry by entry: site ids, resource kinds and capacities, calendars. */
async function siteOverrides(value: unknown, ref: ReferenceIndex, placeField: (p: FieldProblem) => void, at: At): Promise<Record<string, SiteOverride> | null> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const result: Record<string, SiteOverride> = {};
  for (const [id, override] of Object.entries(value)) {
    const base = `sites.${id}`;
    if (!ref.sites.has(id)) at(base, `unknown site '${id}'; the sites are ${[...ref.sites.keys()].join(', ')}`, 'key');
    let dto: SiteOverrideDto;
    try {
      dto = await validatePlain(SiteOverrideDto, override ?? {}, 'site');
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      for (const p of error.errors) placeField({ path: p.path ? `${base}.${p.path}` : base, message: p.message === 'must be a JSON object' ? 'must be a mapping (resources, calendar)' : p.message });
      continue;
    }
    const resources: Partial<Record<ResourceKind, number>> = {};
    for (const [kind, capacity] of Object.entries(dto.resources ?? {})) {
      const fieldPath = `${base}.resources.${kind}`;
      if (!(RESOURCE_KINDS as string[]).includes(kind)) at(fieldPath, `unknown resource kind '${kind}'; the kinds are ${RESOURCE_KINDS.join(', ')}`, 'key');
      else if (typeof capacity !== 'number' || !Number.isInteger(capacity) || capacity < 1) at(fieldPath, 'must be a whole number of at least 1 (parallel servers)');
      else resources[kind as ResourceKind] = capacity;
    }
    const calendar = dto.calendar ? toCalendar(dto.calendar) : null;
    if (calendar && !calendar.allDay && calendar.closes <= calendar.opens) at(`${base}.calendar.closes`, `must be later than opens (${calendar.opens})`);
    result[id] = { resources, calendar };
  }
  return result;
}

function toCalendar(dto: SiteCalendarDto): Calendar {
  const calendar: Calendar = { allDay: dto.allDay, weekdays: [...dto.weekdays], opens: dto.opens, closes: dto.closes };
  if (dto.seasonalClosure) calendar.seasonalClosure = { from: dto.seasonalClosure.from, to: dto.seasonalClosure.to };
  return calendar;
}

/** What the shape cannot say: references to the options, a real start date, consistent times. */
function checkScenario(dto: ScenarioDto, ref: ReferenceIndex, at: At): void {
  dto.options.forEach((id, i) => {
    if (!ref.options.has(id)) at(`options[${i}]`, `unknown option '${id}'; the options are ${[...ref.options.keys()].join(', ')}`);
  });
  (dto.calibration ?? []).forEach((c, i) => {
    if (!dto.options.includes(c.option)) at(`calibration[${i}].option`, `must be one of the scenario's options (${dto.options.join(', ')})`);
    const unit = c.metric === 'costPerDeclarationCny' ? 'CNY' : 'hours';
    if (c.unit !== unit) at(`calibration[${i}].unit`, `must be ${unit} for the metric ${c.metric}`);
    checkPublishedForm(c, `calibration[${i}]`, at);
  });
  const [y, m, d] = dto.start.split('-').map(Number);
  if (dayNumber(y, m, d) === null) at('start', `${dto.start} is not a calendar date`);
  if (dto.warmUpHours !== undefined && dto.warmUpHours >= dto.horizonHours) at('warmUpHours', `must be less than horizonHours (${dto.horizonHours})`);
  if ((dto.arrivals ?? []).length === 0 && !dto.recorded) at('', 'a scenario needs arrival streams (arrivals) or a recorded stream (recorded: { file: ... })');
}

/**
 * A figure is published as a value (value and tolerance) or as a range or bound (atLeast, atMost), not
 * both; a range's ends must be in order. The shape (ScenarioDto) has checked each field alone.
 */
function checkPublishedForm(c: CalibrationTargetDto, base: string, at: At): void {
  const bounds = (['atLeast', 'atMost'] as const).filter((field) => c[field] !== undefined);
  if (c.value !== undefined) {
    for (const field of bounds) {
      at(`${base}.${field}`, 'cannot be given with value: a figure published as a value takes value and tolerance, one published as a range or bound takes atLeast and/or atMost', 'key');
    }
    if (c.tolerance === undefined) at(`${base}.tolerance`, 'is required with value: the allowed relative deviation of the mean, e.g. 0.15 for ±15 %');
    return;
  }
  if (bounds.length === 0) {
    at(base, 'needs the published figure: value and tolerance for a value (16.3 h ±15 %), or atLeast and/or atMost for a range or bound (2-3 days: atLeast 48, atMost 72; under 16 h: atMost 16)');
    return;
  }
  if (c.tolerance !== undefined) at(`${base}.tolerance`, 'is only for a figure published as a value; a range or bound (atLeast, atMost) is checked as published', 'key');
  if (c.atLeast !== undefined && c.atMost !== undefined && c.atMost <= c.atLeast) {
    at(`${base}.atMost`, `must be greater than atLeast (${c.atLeast}); for a single published value use value and tolerance`);
  }
}

/** The target the loader has checked: a value with its tolerance, or a range whose missing end is open. */
function calibrationTarget(c: CalibrationTargetDto): CalibrationTarget {
  const common = { figure: c.figure, source: c.source, option: c.option, metric: c.metric, unit: c.unit };
  if (c.value !== undefined) return { ...common, kind: 'value', value: c.value, tolerance: c.tolerance! };
  return { ...common, kind: 'range', atLeast: c.atLeast ?? null, atMost: c.atMost ?? null };
}

function arrivalStreams(dto: ScenarioDto, ref: ReferenceIndex, at: At): ArrivalStream[] {
  const check = new LodgingCheck(ref, dto.options);
  const names = new Map<string, number>();
  return (dto.arrivals ?? []).map((a, i): ArrivalStream => {
    const base = `arrivals[${i}]`;
    const seen = names.get(a.name);
    if (seen !== undefined) at(`${base}.name`, `repeats the name of arrivals[${seen}]; stream names are unique`);
    else names.set(a.name, i);
    const profile = a.hourlyProfile ?? null;
    if (profile) {
      const mean = profile.reduce((sum, w) => sum + w, 0) / profile.length;
      if (Math.abs(mean - 1) > PROFILE_MEAN_TOLERANCE) at(`${base}.hourlyProfile`, `must have mean 1 (±${PROFILE_MEAN_TOLERANCE}); the 24 weights sum to ${+(mean * 24).toFixed(4)}, not 24`);
    }
    const declaration = toDeclaration(a.declaration);
    const lodging = { procedure: a.procedure ?? 'full', advance: a.advance ?? false } as const;
    for (const p of check.problems(declaration, lodging)) at(p.path ? `${base}.${p.path}` : base, p.message);
    return { name: a.name, ratePerHour: a.ratePerHour, hourlyProfile: profile ? [...profile] : null, declaration, commodity: a.commodity ?? a.name, ...lodging };
  });
}

async function recordedStream(dto: ScenarioDto, fileName: string, ref: ReferenceIndex, options: ParseScenarioOptions, problems: ScenarioProblem[], at: At): Promise<RecordedDeclaration[]> {
  const named = dto.recorded!.file;
  // Shown as the user would find it: beside the scenario file as named.
  const csvFile = path.isAbsolute(named) ? named : path.join(path.dirname(fileName), named);
  let text: string;
  try {
    text = (options.readFile ?? ((f: string) => fs.readFileSync(f, 'utf8')))(csvFile);
  } catch (error) {
    at('recorded.file', `cannot read ${csvFile}: ${readFailure(error)}`);
    return [];
  }
  const found = await parseRecordedStream(text, ref, { start: dto.start, horizonHours: dto.horizonHours, options: dto.options });
  problems.push(...found.problems.map((p) => ({ file: csvFile, ...p })));
  return found.rows;
}
