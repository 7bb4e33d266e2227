// Small scenarios for replay specs, built in code: one arrival stream of a reform's example declaration.

import type { Declaration } from '../../../planning/domain/declaration';
import type { ArrivalStream, Scenario } from '../../../scenarios/domain/scenario';

export function scenarioOf(fields: Partial<Scenario> = {}): Scenario {
  return {
    name: 'spec',
    title: 'Spec scenario',
    description: '',
    calibration: [],
    start: '2024-06-03',
    horizonHours: 24 * 7,
    warmUpHours: 24,
    replications: 2,
    seed: 7,
    options: ['baseline'],
    unlimitedResources: false,
    sites: {},
    arrivals: [],
    recorded: [],
    ...fields,
  };
}

export function streamOf(name: string, declaration: Declaration, ratePerHour: number, fields: Partial<ArrivalStream> = {}): ArrivalStream {
  return { name, ratePerHour, hourlyProfile: null, declaration, commodity: name, procedure: 'full', advance: false, ...fields };
}
