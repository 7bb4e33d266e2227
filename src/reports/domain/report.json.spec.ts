import Ajv2020 from 'ajv/dist/2020';
import type { Report } from './report';
import { parseReportJson, renderReportJson } from './report.json';
import { renderReportMarkdown } from './report.markdown';
import { type JsonSchema, REPORT_JSON_SCHEMA } from './report.schema';
import { overloadedReport, sampleReport } from './testing/sample-report';

/** The same values with every object's keys in reverse order. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversedKeys(v)]));
}

/** What JSON.parse gives: any field may be changed, as a consumer's hand-edited file would be. */
type ParsedJson = ReturnType<typeof JSON.parse>;

function validator() {
  return new Ajv2020({ allErrors: true, strict: true }).compile(REPORT_JSON_SCHEMA);
}

describe('renderReportJson', () => {
  it('is the report itself: it parses back to the same object', () => {
    const report = sampleReport();
    expect(JSON.parse(renderReportJson(report))).toEqual(report);
  });

  it('indents by 2 spaces and ends with a newline', () => {
    const text = renderReportJson(sampleReport());
    expect(text.startsWith('{\n  "schemaVersion": 3,\n  "scenario": {\n    "name": ')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('writes keys in the order of the interfaces, whatever order the report was built in', () => {
    const text = renderReportJson(sampleReport());
    expect(renderReportJson(reversedKeys(sampleReport()) as Report)).toBe(text);
    const option = JSON.parse(text).options[0];
    expect(Object.keys(option)).toEqual(['id', 'title', 'reforms', 'declarations', 'unfinished', 'intervals', 'releasedWithin', 'steps', 'agencies', 'resources', 'cost', 'byPort', 'byCommodity']);
    expect(Object.keys(option.intervals)).toEqual(['arrivalToLodgement', 'lodgementToRelease', 'releaseToExit', 'arrivalToRelease', 'arrivalToExit']);
    expect(Object.keys(option.resources[0])).toEqual(['site', 'kind', 'capacity', 'utilisation', 'outOfHoursWorkHours', 'waitHours', 'served', 'queueAtHorizon', 'queueAtEnd']);
    expect(Object.keys(option.resources[0].utilisation)).toEqual(['mean', 'ci95']);
  });

  it('keeps a key the schema does not know, after the known ones', () => {
    const report = { ...sampleReport(), extra: 1 } as Report;
    expect(Object.keys(JSON.parse(renderReportJson(report)))).toEqual(['schemaVersion', 'scenario', 'warnings', 'options', 'differences', 'calibration', 'extra']);
  });

  it('puts the warnings before the figures, and writes a figure with no value as a null mean', () => {
    const text = renderReportJson(overloadedReport());
    const json = JSON.parse(text);
    expect(Object.keys(json.warnings[0])).toEqual(['kind', 'option', 'resource', 'replications', 'message']);
    expect(json.warnings.map((w: { kind: string; resource: string | null }) => [w.kind, w.resource])).toEqual([
      ['unfinished', null],
      ['overloaded', 'bakhtu/inspection-bay'],
    ]);
    expect(json.options[0].byCommodity[1].arrivalToReleaseHours).toEqual({ mean: null, ci95: null });
    expect(text).not.toContain('NaN');
  });
});

describe('parseReportJson', () => {
  it('reads a report back as rendered, a figure with no value as NaN again', () => {
    expect(parseReportJson(renderReportJson(sampleReport()))).toEqual(sampleReport());
    const overloaded = parseReportJson(renderReportJson(overloadedReport()));
    expect(overloaded).toEqual(overloadedReport());
    expect(overloaded.options[0].byCommodity[1].costMinor.mean).toBeNaN();
    expect(renderReportMarkdown(overloaded)).toBe(renderReportMarkdown(overloadedReport()));
  });

  /** The sample report as schema version 2 wrote it: no unfinished declarations, warnings, out-of-hours work, queues or drain. */
  function version2() {
    const current = sampleReport();
    const { drainHours: _drain, ...scenario } = current.scenario;
    const { warnings: _warnings, ...rest } = current;
    return {
      ...rest,
      schemaVersion: 2,
      scenario,
      options: current.options.map(({ unfinished: _unfinished, ...o }) => ({
        ...o,
        resources: o.resources.map(({ outOfHoursWorkHours: _work, queueAtHorizon: _horizon, queueAtEnd: _end, ...r }) => r),
      })),
    };
  }

  it('brings a report stored under schema version 2 to the current shape: all finished, no warnings, utilisation and queues unknown', () => {
    const upgraded = parseReportJson(JSON.stringify(version2()));
    const current = sampleReport();
    expect(upgraded.schemaVersion).toBe(3);
    expect(upgraded.scenario.drainHours).toBe(2160);
    expect(upgraded.warnings).toEqual([]);
    expect(upgraded.options[0].unfinished).toEqual(current.options[0].unfinished);
    // Utilisation then meant busy over open hours only; it reads as no value, like the figures version 2 did not have.
    const [bay, gate] = upgraded.options[0].resources;
    expect(bay.utilisation!.mean).toBeNaN();
    expect(gate.utilisation).toBeNull();
    expect([bay.outOfHoursWorkHours.mean, bay.queueAtHorizon.mean, bay.queueAtEnd.mean]).toEqual([NaN, NaN, NaN]);
    expect({ ...upgraded, options: [], scenario: null }).toEqual({ ...current, options: [], scenario: null });
    expect(renderReportMarkdown(upgraded)).toContain('| baseline | bakhtu | inspection-bay | 2 | n/a | n/a | 1.35 [-0.56, 3.26] | 135.0 [71.5, 198.5] | n/a |');
    const validate = validator();
    expect([validate(JSON.parse(renderReportJson(upgraded))), validate.errors ?? []]).toEqual([true, []]);
  });

  it('brings a report stored under schema version 1 to the current shape, its checks of published values', () => {
    const v2 = version2();
    const values = v2.calibration.filter((c) => c.kind === 'value');
    const v1 = {
      ...v2,
      schemaVersion: 1,
      calibration: values.map((c) => ({ figure: c.figure, source: c.source, option: c.option, metric: c.metric, unit: c.unit, published: c.published, simulated: c.simulated, deviation: c.deviation, tolerance: c.tolerance, withinTolerance: c.passed })),
    };
    const upgraded = parseReportJson(JSON.stringify(v1));
    expect(upgraded.calibration.map((c) => [c.kind, c.passed, c.atLeast, c.atMost])).toEqual([
      ['value', true, expect.closeTo(1.7, 12), expect.closeTo(2.3, 12)],
      ['value', false, expect.closeTo(7650, 9), expect.closeTo(10350, 9)],
    ]);
    const fromV2 = parseReportJson(JSON.stringify({ ...v2, calibration: values }));
    expect(renderReportMarkdown(upgraded)).toBe(renderReportMarkdown(fromV2));
    const validate = validator();
    expect([validate(JSON.parse(renderReportJson(upgraded))), validate.errors ?? []]).toEqual([true, []]);
  });
});

describe('REPORT_JSON_SCHEMA', () => {
  it.each([
    ['a report', sampleReport],
    ['a report with warnings, unfinished declarations and figures with no value', overloadedReport],
  ])('accepts the JSON rendering of %s', (_, make) => {
    const validate = validator();
    const valid = validate(JSON.parse(renderReportJson(make())));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it.each<[string, (r: ParsedJson) => void, string]>([
    ['a missing field', (r) => delete r.options[0].cost.totalMinor, '/options/0/cost'],
    ['a field the contract does not have', (r) => (r.options[1].steps[0].colour = 'red'), '/options/1/steps/0'],
    ['another schema version', (r) => (r.schemaVersion = 2), '/schemaVersion'],
    ['an option without its unfinished declarations', (r) => delete r.options[0].unfinished, '/options/0'],
    ['a resource without its queue at the horizon', (r) => delete r.options[0].resources[0].queueAtHorizon, '/options/0/resources/0'],
    ['a warning of another kind', (r) => (r.warnings = [{ kind: 'slow', option: 'baseline', resource: null, replications: 1, message: 'x' }]), '/warnings/0/kind'],
    ['an interval with three bounds', (r) => (r.differences[0].difference.ci95 = [1, 2, 3]), '/differences/0/difference/ci95'],
    ['a string for a number', (r) => (r.calibration[0].published = '2'), '/calibration/0/published'],
    ['a calibration check of another kind', (r) => (r.calibration[2].kind = 'about'), '/calibration/2/kind'],
    ['a calibration check without its bounds', (r) => delete r.calibration[3].atLeast, '/calibration/3'],
    ['the version 1 field withinTolerance', (r) => (r.calibration[0].withinTolerance = true), '/calibration/0'],
  ])('rejects %s', (_, change, path) => {
    const report = JSON.parse(renderReportJson(sampleReport()));
    change(report);
    const validate = validator();
    expect(validate(report)).toBe(false);
    expect(validate.errors!.map((e) => e.instancePath)).toContain(path);
  });

  it('accepts the nulls the contract allows', () => {
    const report = JSON.parse(renderReportJson(sampleReport()));
    report.options[0].declarations.ci95 = null;
    report.options[0].resources[0].capacity = null;
    report.options[0].resources[0].utilisation = null;
    report.differences[0].relative = null;
    expect(validator()(report)).toBe(true);
  });

  it('describes every property', () => {
    const undescribed: string[] = [];
    const visit = (node: JsonSchema, path: string) => {
      for (const [key, child] of Object.entries(node.properties ?? {})) {
        if (!child.description) undescribed.push(`${path}.${key}`);
        visit(child, `${path}.${key}`);
      }
    };
    visit(REPORT_JSON_SCHEMA, 'Report');
    for (const [name, def] of Object.entries(REPORT_JSON_SCHEMA.$defs ?? {})) visit(def, name);
    expect(undescribed).toEqual([]);
  });
});
