// The JSON Schema (draft 2020-12) of the report's JSON rendering: what users read to consume it.
// It follows report.ts field by field and in the same order; the JSON rendering writes keys in the
// order listed here, and a spec validates a sample report against it.

import { INTERVAL_IDS, REPORT_SCHEMA_VERSION } from './report';
import { INTERVAL_LABELS } from './report.format';

/** The subset of JSON Schema this file uses. */
export interface JsonSchema {
  $schema?: string;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  title?: string;
  description?: string;
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean;
  items?: JsonSchema | false;
  prefixItems?: JsonSchema[];
  minItems?: number;
  anyOf?: JsonSchema[];
  minimum?: number;
}

const ref = (name: string): JsonSchema => ({ $ref: `#/$defs/${name}` });

const estimate = (description: string): JsonSchema => ({ ...ref('Estimate'), description });

const string = (description: string): JsonSchema => ({ type: 'string', description });

/** An object whose every listed property is required and no other is allowed. */
function object(description: string, properties: Record<string, JsonSchema>): JsonSchema {
  return { type: 'object', description, properties, required: Object.keys(properties), additionalProperties: false };
}

function array(description: string, items: JsonSchema): JsonSchema {
  return { type: 'array', description, items };
}

const intervals = Object.fromEntries(
  INTERVAL_IDS.map((id) => [id, { ...ref('IntervalFigures'), description: `${INTERVAL_LABELS[id].replace('→', 'to')}, hours.` }]),
);

export const REPORT_JSON_SCHEMA: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'swsim replay report',
  ...object(
    'The replay report: TRS intervals, their distribution, per-step, per-agency and per-resource attribution, and cost, for each option replayed, with paired differences between options and checks against published figures. Same scenario, seed and options: the same report, byte for byte.',
    {
      schemaVersion: {
        const: REPORT_SCHEMA_VERSION,
        description: 'Version of this shape; it changes when a field is removed, renamed or changes meaning.',
      },
      scenario: object('The scenario replayed and how.', {
        name: string('Scenario id (kebab-case; for a bundled scenario, its file name without .yaml).'),
        title: string('Scenario title.'),
        description: string('What the scenario replays.'),
        start: string('Calendar date (YYYY-MM-DD, local time at the ports) of simulated minute 0.'),
        horizonHours: { type: 'number', description: 'Arrivals are generated from 0 to this many hours.' },
        warmUpHours: {
          type: 'number',
          description: 'Declarations arriving before this many hours are run but not counted (the queues fill up first).',
        },
        drainHours: {
          type: 'number',
          description:
            'After the horizon, declarations in progress were followed for at most this many hours; those still in progress then are unfinished (see options[].unfinished and warnings).',
        },
        replications: { type: 'integer', minimum: 1, description: 'Independent replications; estimates are over these.' },
        seed: { type: 'integer', description: 'Seed of the random streams.' },
        unlimitedResources: {
          type: 'boolean',
          description: 'True: every resource had unlimited capacity and every site was always open (the plan walk alone, no queueing).',
        },
      }),
      warnings: array(
        'What the reader must know before trusting the figures: counted declarations unfinished when the replay stopped, resources whose queue kept growing. Empty when there is nothing to say.',
        ref('ReplayWarning'),
      ),
      options: array('One entry per option replayed, in the scenario\'s order.', ref('OptionReport')),
      differences: array('Paired differences between options.', ref('Difference')),
      calibration: array('Checks of simulated figures against the published figures the scenario names.', ref('CalibrationCheck')),
    },
  ),
  $defs: {
    Estimate: object(
      'A figure estimated over replications: the mean of the per-replication values and its 95 % confidence interval (Student\'s t over replications).',
      {
        mean: {
          type: ['number', 'null'],
          description:
            'Mean of the per-replication values; null when some replication had no value (a time or cost figure of a replication in which no counted declaration finished, the utilisation of a resource never available).',
        },
        ci95: {
          type: ['array', 'null'],
          description: '[low, high] of the 95 % confidence interval of the mean; null with a single replication, or when the mean is null.',
          prefixItems: [
            { type: 'number', description: 'Low bound.' },
            { type: 'number', description: 'High bound.' },
          ],
          items: false,
          minItems: 2,
        },
      },
    ),
    IntervalFigures: object(
      'One TRS interval (milestone to milestone, hours): its distribution over the finished counted declarations of a replication, then estimated over replications. arrivalToLodgement is negative for advance declarations (lodged before arrival).',
      {
        meanHours: estimate('Mean hours.'),
        p50Hours: estimate('Median hours.'),
        p90Hours: estimate('90th percentile, hours.'),
        p95Hours: estimate('95th percentile, hours.'),
      },
    ),
    StepFigures: object('One plan step.', {
      id: string("Plan step id (e.g. 'documentary-check')."),
      title: string('Step title.'),
      agency: string('The actor that owns the step (customs, quarantine, port operator, lab, carrier, trader, ...).'),
      interval: string('TRS interval the step belongs to.'),
      runShare: estimate('Share of finished counted declarations in which the step ran (0..1).'),
      waitHours: estimate('Mean hours a declaration that ran the step waited for it (queue and closed hours), over the replications in which it ran.'),
      serviceHours: estimate('Mean hours of service once started, over the replications in which the step ran.'),
    }),
    AgencyFigures: object('Time attributed to one agency.', {
      agency: string('The agency or actor.'),
      waitHours: estimate("Mean hours per finished counted declaration spent waiting for this agency's steps (all of them, ran or not)."),
      serviceHours: estimate("Mean hours per finished counted declaration of service in this agency's steps."),
    }),
    ResourceFigures: object('One resource at one site.', {
      site: string('Site id (seeds/sites.json).'),
      kind: string('Resource kind: document-desk, inspection-bay, scanner, lab, escort, gate.'),
      capacity: { type: ['integer', 'null'], description: 'Units of the resource (null when unlimited).' },
      utilisation: {
        anyOf: [ref('Estimate'), { type: 'null' }],
        description:
          'Busy unit-hours over available unit-hours from the warm-up to the horizon (0..1). A unit is available while its site is open and also while it works out of hours (a 7x24 step at night, a service run on past closing), so busy time never exceeds available time. Null when unlimited.',
      },
      outOfHoursWorkHours: estimate('Unit-hours worked while the site was closed (7x24 steps, services run on past closing), from the warm-up to the horizon, per replication.'),
      waitHours: estimate('Mean hours a request waited before it was served, over the replications in which the resource served any.'),
      served: estimate('Requests served after the warm-up, per replication.'),
      queueAtHorizon: estimate('Requests waiting at the horizon, per replication.'),
      queueAtEnd: estimate('Requests still waiting when the replay stopped (drainHours after the horizon), per replication.'),
    }),
    CostItemFigures: object('One cost item.', {
      item: string("Cost item id (seeds/cost-items.json), or 'duties-and-taxes', or the waiting cost item."),
      title: string('Cost item title.'),
      kind: string('fee | waiting | guarantee | tax | financing'),
      amountMinor: estimate('Mean amount per finished counted declaration, CNY fen (1/100 yuan).'),
    }),
    SegmentFigures: object('A slice of the finished counted declarations (one port, one commodity).', {
      id: string('Port id or commodity label.'),
      declarations: estimate('Finished counted declarations per replication.'),
      arrivalToReleaseHours: estimate('Mean hours from arrival to release.'),
      arrivalToExitHours: estimate('Mean hours from arrival to exit.'),
      costMinor: estimate('Mean cost per finished counted declaration, CNY fen.'),
    }),
    OptionReport: object('The figures of one option.', {
      id: string('Option id (seeds/options.json).'),
      title: string('Option title.'),
      reforms: array('The reforms of the option, in composition order.', { type: 'string' }),
      declarations: estimate('Declarations counted (arrived after the warm-up and before the horizon), per replication.'),
      unfinished: object(
        'Counted declarations whose plan had not ended when the replay stopped, per replication. They are left out of the time, cost, step, agency and segment figures, which are over the finished ones (and so read low when there are any).',
        {
          declarations: estimate('Unfinished counted declarations per replication.'),
          notReleased: estimate('Of them, not yet released.'),
          notExited: estimate('Of them, not yet exited.'),
        },
      ),
      intervals: object('The TRS intervals (arrival, lodgement, release, exit milestones) of the finished counted declarations, hours.', intervals),
      releasedWithin: object('Share of all counted declarations, finished or not, released within 1, 6 and 24 hours of arrival (0..1).', {
        h1: estimate('Within 1 hour.'),
        h6: estimate('Within 6 hours.'),
        h24: estimate('Within 24 hours.'),
      }),
      steps: array('Waiting and service per plan step.', ref('StepFigures')),
      agencies: array('Waiting and service per agency.', ref('AgencyFigures')),
      resources: array('Utilisation and waiting per resource.', ref('ResourceFigures')),
      cost: object('Cost per finished counted declaration.', {
        currency: { const: 'CNY', description: 'Currency of every amount (in fen, 1/100 yuan).' },
        totalMinor: estimate('Mean cost per finished counted declaration, CNY fen: the sum of the items.'),
        items: array('The cost items.', ref('CostItemFigures')),
      }),
      byPort: array('Figures per port.', ref('SegmentFigures')),
      byCommodity: array('Figures per commodity.', ref('SegmentFigures')),
    }),
    ReplayWarning: object('Something the reader must know before trusting the figures.', {
      kind: {
        enum: ['unfinished', 'overloaded'],
        description: "'unfinished': counted declarations still in progress when the replay stopped; 'overloaded': a resource whose queue kept growing.",
      },
      option: string('Option id.'),
      resource: { type: ['string', 'null'], description: "The overloaded resource as 'site/kind'; null for unfinished declarations." },
      replications: { type: 'integer', minimum: 1, description: 'Replications of the option in which it happened.' },
      message: string('What happened, with its figures, and what it means for the report, in words.'),
    }),
    Difference: object('A paired difference: (option - against), replication by replication, on common random numbers.', {
      option: string('Option id.'),
      against: string("Option id the difference is taken against (the scenario's first option)."),
      metric: string(
        "The figure compared, as a path in an option's figures: 'arrivalToRelease.meanHours', 'arrivalToExit.p90Hours', 'releasedWithin.h24', 'cost.totalMinor', ...",
      ),
      difference: estimate('option - against, in the unit of the metric.'),
      relative: { type: ['number', 'null'], description: 'difference.mean / the mean of `against`, or null when that mean is 0.' },
    }),
    CalibrationCheck: object(
      'A simulated figure, the mean over replications, checked against a published figure the scenario is calibrated to: a value within a relative tolerance, or a range or bound as published.',
      {
        figure: string('The published figure in words.'),
        source: string('Where it is published.'),
        option: string('The option whose result is compared with the figure.'),
        metric: string("The report figure compared: 'arrivalToReleaseHours', 'arrivalToExitHours', 'costPerDeclarationCny', ..."),
        unit: string("Unit of the published and simulated figures and the bounds: 'hours' or 'CNY' (yuan)."),
        kind: {
          enum: ['value', 'range'],
          description: "How the figure was published: 'value' (checked within a relative tolerance) or 'range' (a range such as 2-3 days, or a bound such as under 16 h, checked as published).",
        },
        published: { type: ['number', 'null'], description: "The published value, in unit (kind 'value'); null for a range or bound." },
        tolerance: { type: ['number', 'null'], description: "Allowed relative deviation from the published value, 0.15 = ±15 % (kind 'value'); null for a range or bound." },
        atLeast: {
          type: ['number', 'null'],
          description: 'The least mean that passes, in unit: the published lower bound, or published × (1 - tolerance); null: no lower bound.',
        },
        atMost: {
          type: ['number', 'null'],
          description: 'The greatest mean that passes, in unit: the published upper bound, or published × (1 + tolerance); null: no upper bound.',
        },
        simulated: estimate('The simulated value over replications, in unit; its mean is what is checked.'),
        deviation: { type: ['number', 'null'], description: "|simulated.mean - published| / published (kind 'value'); null for a range or bound." },
        passed: { type: 'boolean', description: 'Whether simulated.mean lies from atLeast to atMost, bounds included (for a value: whether the deviation is within the tolerance).' },
      },
    ),
  },
};
