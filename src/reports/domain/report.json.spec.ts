import Ajv2020 from 'ajv/dist/2020';
import type { Report } from './report';
import { parseReportJson, renderReportJson } from './report.json';
import { renderReportMarkdown } from './report.markdown';
import { type JsonSchema, REPORT_JSON_SCHEMA } from './report.schema';
import { sampleReport } from './testing/sample-report';

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
    expect(text.startsWith('{\n  "schemaVersion": 2,\n  "scenario": {\n    "name": ')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('writes keys in the order of the interfaces, whatever order the report was built in', () => {
    const text = renderReportJson(sampleReport());
    expect(renderReportJson(reversedKeys(sampleReport()) as Report)).toBe(text);
    const option = JSON.parse(text).options[0];
    expect(Object.keys(option)).toEqual(['id', 'title', 'reforms', 'declarations', 'intervals', 'releasedWithin', 'steps', 'agencies', 'resources', 'cost', 'byPort', 'byCommodity']);
    expect(Object.keys(option.intervals)).toEqual(['arrivalToLodgement', 'lodgementToRelease', 'releaseToExit', 'arrivalToRelease', 'arrivalToExit']);
    expect(Object.keys(option.resources[0].utilisation)).toEqual(['mean', 'ci95']);
  });

  it('keeps a key the schema does not know, after the known ones', () => {
    const report = { ...sampleReport(), extra: 1 } as Report;
    expect(Object.keys(JSON.parse(renderReportJson(report)))).toEqual(['schemaVersion', 'scenario', 'options', 'differences', 'calibration', 'extra']);
  });
});

describe('parseReportJson', () => {
  it('reads a report back as rendered', () => {
    expect(parseReportJson(renderReportJson(sampleReport()))).toEqual(sampleReport());
  });

  it('brings a report stored under schema version 1 to the current shape, so that it renders the same', () => {
    const current = { ...sampleReport(), calibration: sampleReport().calibration.filter((c) => c.kind === 'value') };
    const v1 = {
      ...current,
      schemaVersion: 1,
      calibration: current.calibration.map((c) => ({ figure: c.figure, source: c.source, option: c.option, metric: c.metric, unit: c.unit, published: c.published, simulated: c.simulated, deviation: c.deviation, tolerance: c.tolerance, withinTolerance: c.passed })),
    };
    const upgraded = parseReportJson(JSON.stringify(v1));
    expect(upgraded.calibration.map((c) => [c.kind, c.passed, c.atLeast, c.atMost])).toEqual([
      ['value', true, expect.closeTo(1.7, 12), expect.closeTo(2.3, 12)],
      ['value', false, expect.closeTo(7650, 9), expect.closeTo(10350, 9)],
    ]);
    expect(renderReportMarkdown(upgraded)).toBe(renderReportMarkdown(current));
    const validate = validator();
    expect([validate(JSON.parse(renderReportJson(upgraded))), validate.errors ?? []]).toEqual([true, []]);
  });
});

describe('REPORT_JSON_SCHEMA', () => {
  it('accepts the JSON rendering of a report', () => {
    const validate = validator();
    const valid = validate(JSON.parse(renderReportJson(sampleReport())));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it.each<[string, (r: ParsedJson) => void, string]>([
    ['a missing field', (r) => delete r.options[0].cost.totalMinor, '/options/0/cost'],
    ['a field the contract does not have', (r) => (r.options[1].steps[0].colour = 'red'), '/options/1/steps/0'],
    ['another schema version', (r) => (r.schemaVersion = 1), '/schemaVersion'],
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
