// The report as JSON: the report itself, 2-space indented, with a trailing newline. Keys are written
// in the order of the schema (which is that of report.ts), whatever order the report object was
// built in, so the same figures always give the same bytes.

import type { CalibrationCheck, Estimate, OptionReport, Report, ResourceFigures } from './report';
import { type JsonSchema, REPORT_JSON_SCHEMA } from './report.schema';

/** JSON has no NaN: an estimate with no value is written with a null mean (JSON.stringify does it) and read back as NaN. */
export function renderReportJson(report: Report): string {
  return `${JSON.stringify(ordered(report, REPORT_JSON_SCHEMA), null, 2)}\n`;
}

/** A calibration check as schema version 1 wrote it: a published value and its tolerance only. */
interface CalibrationCheckV1 {
  figure: string;
  source: string;
  option: string;
  metric: string;
  unit: string;
  published: number;
  simulated: CalibrationCheck['simulated'];
  deviation: number;
  tolerance: number;
  withinTolerance: boolean;
}

/** A resource as schema versions 1 and 2 wrote it: utilisation over the open hours alone, no out-of-hours work, no queues. */
type ResourceFiguresV2 = Omit<ResourceFigures, 'outOfHoursWorkHours' | 'queueAtHorizon' | 'queueAtEnd'>;

/** A report as schema version 2 wrote it: every counted declaration finished (else the replay failed), no warnings. */
interface ReportV2 extends Omit<Report, 'schemaVersion' | 'scenario' | 'warnings' | 'options'> {
  schemaVersion: 2;
  scenario: Omit<Report['scenario'], 'drainHours'>;
  options: Array<Omit<OptionReport, 'unfinished' | 'resources'> & { resources: ResourceFiguresV2[] }>;
}

interface ReportV1 extends Omit<ReportV2, 'schemaVersion' | 'calibration'> {
  schemaVersion: 1;
  calibration: CalibrationCheckV1[];
}

/** Under versions 1 and 2 a replay followed declarations for 90 days after the horizon, and failed if any had not finished. */
const V2_DRAIN_HOURS = 90 * 24;

/**
 * A report read back from its JSON rendering (a stored replay job's), in the current shape, so that it
 * renders in every format. One written under schema version 1, before published ranges and bounds,
 * is brought up: each of its checks was of a published value, within a tolerance. One written under
 * version 1 or 2 has no unfinished declarations (the replay failed rather than leave any); its
 * utilisation meant busy over open time only and cannot be recomputed, so it and the resource figures
 * version 2 did not have read as no value.
 */
export function parseReportJson(text: string): Report {
  const parsed = JSON.parse(text) as Report | ReportV2 | ReportV1;
  const v2 = parsed.schemaVersion === 1 ? fromV1(parsed) : parsed;
  return withNoValues(v2.schemaVersion === 2 ? fromV2(v2) : v2);
}

function fromV1(report: ReportV1): ReportV2 {
  const calibration = report.calibration.map(
    ({ withinTolerance, ...c }): CalibrationCheck => ({
      ...c,
      kind: 'value',
      atLeast: c.published * (1 - c.tolerance),
      atMost: c.published * (1 + c.tolerance),
      passed: withinTolerance,
    }),
  );
  return { ...report, schemaVersion: 2, calibration };
}

function fromV2(report: ReportV2): Report {
  const noValue = (): Estimate => ({ mean: NaN, ci95: null });
  // What estimate() gives for a zero in every replication.
  const zero = (): Estimate => ({ mean: 0, ci95: report.scenario.replications > 1 ? [0, 0] : null });
  return {
    ...report,
    schemaVersion: 3,
    scenario: { ...report.scenario, drainHours: V2_DRAIN_HOURS },
    warnings: [],
    options: report.options.map((o) => ({
      ...o,
      unfinished: { declarations: zero(), notReleased: zero(), notExited: zero() },
      resources: o.resources.map((r) => ({
        ...r,
        utilisation: r.utilisation === null ? null : noValue(),
        outOfHoursWorkHours: noValue(),
        queueAtHorizon: noValue(),
        queueAtEnd: noValue(),
      })),
    })),
  };
}

/** The report with every estimate whose mean was written null (no value) holding NaN again. */
function withNoValues<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withNoValues) as T;
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  if ('mean' in record && 'ci95' in record && record.mean === null) return { ...record, mean: NaN } as T;
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, withNoValues(v)])) as T;
}

/** `value` with object keys in the order its schema lists them; keys the schema does not know follow, sorted. */
function ordered(value: unknown, schema: JsonSchema): unknown {
  const node = resolve(value, schema);
  if (Array.isArray(value)) {
    return value.map((item, i) => ordered(item, node.prefixItems?.[i] ?? (node.items || {})));
  }
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const known = Object.keys(node.properties ?? {});
  const keys = [...known.filter((k) => k in record), ...Object.keys(record).filter((k) => !known.includes(k)).sort()];
  return Object.fromEntries(keys.map((k) => [k, ordered(record[k], node.properties?.[k] ?? {})]));
}

/** The schema node that describes `value`: `$ref`s followed, and the `anyOf` branch of its JSON type. */
function resolve(value: unknown, schema: JsonSchema): JsonSchema {
  let node = schema;
  if (node.$ref) node = REPORT_JSON_SCHEMA.$defs?.[node.$ref.replace('#/$defs/', '')] ?? {};
  if (node.anyOf) {
    const type = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
    const branch = node.anyOf.map((b) => resolve(value, b)).find((b) => b.type === type || (Array.isArray(b.type) && b.type.includes(type)));
    node = branch ?? {};
  }
  return node;
}
