// The report as JSON: the report itself, 2-space indented, with a trailing newline. Keys are written
// in the order of the schema (which is that of report.ts), whatever order the report object was
// built in, so the same figures always give the same bytes.

import { type CalibrationCheck, REPORT_SCHEMA_VERSION, type Report } from './report';
import { type JsonSchema, REPORT_JSON_SCHEMA } from './report.schema';

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

/**
 * A report read back from its JSON rendering (a stored replay job's), in the current shape, so that it
 * renders in every format. One written under schema version 1, before published ranges and bounds,
 * is brought up: each of its checks was of a published value, within a tolerance.
 */
export function parseReportJson(text: string): Report {
  const report = JSON.parse(text) as Report | (Omit<Report, 'schemaVersion' | 'calibration'> & { schemaVersion: 1; calibration: CalibrationCheckV1[] });
  if (report.schemaVersion !== 1) return report;
  const calibration = report.calibration.map(
    ({ withinTolerance, ...c }): CalibrationCheck => ({
      ...c,
      kind: 'value',
      atLeast: c.published * (1 - c.tolerance),
      atMost: c.published * (1 + c.tolerance),
      passed: withinTolerance,
    }),
  );
  return { ...report, schemaVersion: REPORT_SCHEMA_VERSION, calibration };
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
