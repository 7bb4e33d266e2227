// Small scenarios for replay specs, built in code: one arrival stream of a reform's example declaration.

import type { Declaration } from '../../../planning/domain/declaration';
import { threeOnesVehicles } from '../../../planning/domain/reforms/three-ones-vehicles.reform';
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

const ROUND_THE_CLOCK = { allDay: true, weekdays: [1, 2, 3, 4, 5, 6, 7], opens: '00:00', closes: '24:00' };

/**
 * An overloaded port: one inspection bay at Khorgos, open round the clock, checks every imported
 * vehicle (1.5 h on average), and vehicles arrive at 2 an hour, 3x its service rate, for 60 days; the
 * bonded zone they go on to is roomy, so the bay is the one bottleneck.
 */
export function overloadedScenario(fields: Partial<Scenario> = {}): Scenario {
  return scenarioOf({
    name: 'overloaded-bay',
    title: 'One inspection bay, three times the vehicles it can check',
    horizonHours: 24 * 60,
    arrivals: [streamOf('vehicles', threeOnesVehicles.example, 2)],
    sites: {
      'khorgos-road': { resources: { 'inspection-bay': 1 }, calendar: ROUND_THE_CLOCK },
      'khorgos-cbz': { resources: { 'inspection-bay': 50, 'document-desk': 50, gate: 50 }, calendar: ROUND_THE_CLOCK },
    },
    ...fields,
  });
}
