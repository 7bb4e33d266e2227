import 'reflect-metadata';
import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { reference } from '../../planning/domain/testing/planning.test-kit';
import { bundledScenarioFiles, bundledScenariosDir } from './scenario-loader';
import { JSON_SCHEMA_DRAFT, scenarioJsonSchema } from './scenario-schema';

const ref = reference();
const schema = scenarioJsonSchema(ref);
const validate = new Ajv({ allErrors: true }).compile(schema);
const readYaml = (file: string): unknown => parse(readFileSync(file, 'utf8'), { merge: true });

describe('the scenario JSON Schema', () => {
  it('is draft-07, with the descriptions of the validation classes', () => {
    expect(schema.$schema).toBe(JSON_SCHEMA_DRAFT);
    const properties = schema.properties as Record<string, { description?: string }>;
    expect(Object.keys(properties)).toEqual(['name', 'title', 'description', 'calibration', 'start', 'horizonHours', 'warmUpHours', 'replications', 'seed', 'options', 'unlimitedResources', 'sites', 'arrivals', 'recorded']);
    for (const [name, property] of Object.entries(properties)) expect([name, property.description]).toEqual([name, expect.any(String)]);
  });

  it.each(bundledScenarioFiles(bundledScenariosDir()).map((f) => [f.replace(/^.*\//, ''), f]))('accepts the bundled %s', (_name, file) => {
    expect({ valid: validate(readYaml(file)), errors: validate.errors ?? [] }).toEqual({ valid: true, errors: [] });
  });

  it('refuses what the loader refuses: unknown fields, wrong types, unknown ids, nothing to replay', () => {
    const valid = readYaml(join(bundledScenariosDir(), 'bakhtu-green-channel.yaml')) as Record<string, unknown>;
    const arrivals = valid.arrivals as Array<{ declaration: Record<string, unknown> }>;
    const target = { figure: 'clearance', source: 'rules.md §1.1', option: 'green-channel', metric: 'arrivalToExitHours', unit: 'hours', value: 3, tolerance: 0.15 };
    const cases: Array<[string, unknown, string]> = [
      ['an unknown field', { ...valid, horizon: 3 }, 'additionalProperties'],
      ['a string for a number', { ...valid, horizonHours: 'two days' }, 'type'],
      ['an unknown option', { ...valid, options: ['baseline', 'teleportation'] }, 'enum'],
      ['an unknown site', { ...valid, sites: { atlantis: {} } }, 'enum'],
      ['an unknown resource kind', { ...valid, sites: { bakhtu: { resources: { teleporter: 1 } } } }, 'enum'],
      ['an unknown port', { ...valid, arrivals: [{ ...arrivals[0], declaration: { ...arrivals[0].declaration, port: 'atlantis' } }] }, 'enum'],
      ['a short hourly profile', { ...valid, arrivals: [{ ...arrivals[0], hourlyProfile: [1, 1] }] }, 'minItems'],
      ['nothing to replay', { ...valid, arrivals: undefined }, 'required'],
      ['a value with a range', { ...valid, calibration: [{ ...target, atMost: 3 }] }, 'oneOf'],
      ['a value without its tolerance', { ...valid, calibration: [{ ...target, tolerance: undefined }] }, 'oneOf'],
      ['a range with a tolerance', { ...valid, calibration: [{ ...target, value: undefined, atMost: 3 }] }, 'oneOf'],
      ['a target with no figure', { ...valid, calibration: [{ ...target, value: undefined, tolerance: undefined }] }, 'oneOf'],
    ];
    for (const [what, doc, keyword] of cases) {
      expect([what, validate(JSON.parse(JSON.stringify(doc)))]).toEqual([what, false]);
      expect([what, validate.errors!.map((e) => e.keyword)]).toEqual([what, expect.arrayContaining([keyword])]);
    }
  });

  it('accepts a figure published as a value, a range or a bound', () => {
    const valid = readYaml(join(bundledScenariosDir(), 'bakhtu-green-channel.yaml')) as Record<string, unknown>;
    const common = { figure: 'clearance', source: 'rules.md §1.1', option: 'green-channel', metric: 'arrivalToExitHours', unit: 'hours' };
    for (const figure of [{ value: 3, tolerance: 0.15 }, { atLeast: 48, atMost: 72 }, { atMost: 16 }, { atLeast: 2 }]) {
      expect([figure, validate({ ...valid, calibration: [{ ...common, ...figure }] }), validate.errors ?? []]).toEqual([figure, true, []]);
    }
  });

  it('is what scenarios/scenario.schema.json holds, so editors read the current one', () => {
    const committed = readFileSync(join(bundledScenariosDir(), 'scenario.schema.json'), 'utf8');
    expect(committed).toBe(`${JSON.stringify(schema, null, 2)}\n`);
  });
});
