// Golden plans: whole plans for the declarations the calibrated scenarios start from, with every
// figure pinned. A change here is a change of what users are told; review it, then update the figures.

import type { Expected, ExplainedStep } from '../planning.types';
import { REFORMS } from '../reforms/reform-catalogue';
import { planner } from '../testing/planning.test-kit';

const example = (id: string) => REFORMS.find((r) => r.id === id)!.example;

function figures(e: Expected) {
  return {
    hoursToRelease: e.hoursToRelease,
    hoursToExit: e.hoursToExit,
    hoursToComplete: e.hoursToComplete,
    totalMinor: e.cost.totalMinor,
    items: Object.fromEntries(e.cost.items.map((i) => [`${i.item}${i.stepId ? ` @ ${i.stepId}` : ''}`, i.amountMinor])),
  };
}

const where = (s: ExplainedStep) => `${s.id} @ ${s.location}${s.releaseWaits ? '' : ', after release'}`;

describe('golden plans', () => {
  it('fresh grapes exported by road at Bakhtu: baseline and green-channel', () => {
    const result = planner().plan({ declaration: example('green-channel'), reforms: ['green-channel'] });
    expect(figures(result.baseline.expected)).toEqual({
      hoursToRelease: 10.74,
      hoursToExit: 11.24,
      hoursToComplete: 11.24,
      totalMinor: 409512,
      items: {
        'quarantine-handling-fee @ origin-inspection': 27500,
        'broker-fee @ lodge-declaration': 45000,
        'inspection-handling-fee @ physical-inspection': 4875,
        'port-charges @ gate-out': 253470,
        'truck-waiting-hour': 78667,
      }
    });
    expect(figures(result.expected)).toEqual({
      hoursToRelease: 7.84,
      hoursToExit: 8.34,
      hoursToComplete: 8.34,
      totalMinor: 361093,
      items: {
        'quarantine-handling-fee @ origin-inspection': 27500,
        'broker-fee @ lodge-declaration': 45000,
        'port-charges @ gate-out': 253470,
        'truck-waiting-hour': 35123,
      }
    });
    expect(result.plan.steps.map(where)).toEqual([
      'origin-inspection @ origin',
      'arrival @ border-port',
      'lodge-declaration @ border-port',
      'electronic-review @ border-port',
      'documentary-check @ border-port',
      'physical-inspection @ border-port',
      'release @ border-port',
      'gate-out @ border-port, after release',
    ]);
  });

  it('copper concentrate by rail from Alashankou to the Changji smelter: baseline and port-plus-unloading-place + third-party-inspection', () => {
    const result = planner().plan({ declaration: example('port-plus-unloading-place'), reforms: ['port-plus-unloading-place', 'third-party-inspection'] });
    expect(figures(result.baseline.expected)).toEqual({
      hoursToRelease: 129.28,
      hoursToExit: 129.78,
      hoursToComplete: 144.48,
      totalMinor: 69018433,
      items: {
        'broker-fee @ transfer-declaration': 45000,
        'inspection-handling-fee @ physical-inspection': 7800,
        'lab-fee @ lab-test': 150000,
        'rail-port-charges @ gate-out': 63900,
        'wagon-waiting-hour': 1557333,
        'import-vat': 67194400,
      }
    });
    expect(figures(result.expected)).toEqual({
      hoursToRelease: 56.81,
      hoursToExit: 57.31,
      hoursToComplete: 144.75,
      totalMinor: 68263873,
      items: {
        'broker-fee @ transfer-declaration': 45000,
        'inspection-handling-fee @ physical-inspection': 7800,
        'lab-fee @ supervisory-lab-test': 15000,
        'rail-port-charges @ gate-out': 63900,
        'third-party-lab-fee @ lab-test': 250000,
        'wagon-waiting-hour': 687773,
        'import-vat': 67194400,
      }
    });
    expect(result.plan.steps.map(where)).toEqual([
      'arrival @ border-port',
      'gauge-transshipment @ border-port',
      'transfer-declaration @ border-port',
      'electronic-review @ border-port',
      'documentary-check @ border-port',
      'physical-inspection @ border-port',
      'radiation-check @ border-port',
      'duty-payment @ border-port',
      'release @ border-port',
      'supervisory-lab-test @ unloading-place, after release',
      'gate-out @ border-port, after release',
      'haul @ en-route, after release',
      'solid-waste-screening @ unloading-place, after release',
      'sampling @ unloading-place, after release',
      'lab-test @ unloading-place, after release',
      'report-verification @ unloading-place, after release',
      'conformity-certificate @ unloading-place, after release',
    ]);
  });

  it('portable computers by rail through Khorgos to Urumqi: baseline and railway-fast-clearance', () => {
    const result = planner().plan({ declaration: example('railway-fast-clearance'), reforms: ['railway-fast-clearance'] });
    expect(figures(result.baseline.expected)).toEqual({
      hoursToRelease: 56.64,
      hoursToExit: 57.14,
      hoursToComplete: 79.84,
      totalMinor: 184881146,
      items: {
        'broker-fee @ transfer-declaration': 45000,
        'inspection-handling-fee @ physical-inspection': 813,
        'rail-port-charges @ gate-out': 63900,
        'wagon-waiting-hour': 171433,
        'import-vat': 184600000,
      }
    });
    expect(figures(result.expected)).toEqual({
      hoursToRelease: 14.96,
      hoursToExit: 15.46,
      hoursToComplete: 38.16,
      totalMinor: 184711080,
      items: {
        'inspection-handling-fee @ physical-inspection': 813,
        'rail-port-charges @ gate-out': 63900,
        'wagon-waiting-hour': 46367,
        'import-vat': 184600000,
      }
    });
    expect(result.plan.steps.map(where)).toEqual([
      'arrival @ border-port',
      'gauge-transshipment @ border-port',
      'transfer-declaration @ border-port',
      'documentary-check @ border-port',
      'physical-inspection @ border-port',
      'duty-payment @ border-port',
      'release @ border-port',
      'gate-out @ border-port, after release',
      'haul @ en-route, after release',
    ]);
  });

  it('jerseys from the Kashgar bonded zone out through Irkeshtam: baseline and tir', () => {
    const result = planner().plan({ declaration: example('tir'), reforms: ['tir'] });
    expect(figures(result.baseline.expected)).toEqual({
      hoursToRelease: 3.6,
      hoursToExit: 19.79,
      hoursToComplete: 19.79,
      totalMinor: 1340186,
      items: {
        'broker-fee @ lodge-declaration': 45000,
        'inspection-handling-fee @ physical-inspection': 1625,
        'transit-declaration-fee @ transit-declaration': 30000,
        'guarantee-fee @ transit-guarantee': 252788,
        'escort-fee @ escort': 32000,
        'inspection-handling-fee @ exit-reinspection': 13000,
        'transshipment-fee @ transshipment': 30000,
        'port-charges @ exit-gate-out': 506940,
        'truck-waiting-hour': 428833,
      }
    });
    expect(figures(result.expected)).toEqual({
      hoursToRelease: 3.6,
      hoursToExit: 10.61,
      hoursToComplete: 10.61,
      totalMinor: 796615,
      items: {
        'broker-fee @ lodge-declaration': 45000,
        'inspection-handling-fee @ physical-inspection': 1625,
        'tir-carnet @ transit-declaration': 89100,
        'inspection-handling-fee @ exit-reinspection': 650,
        'port-charges @ exit-gate-out': 506940,
        'truck-waiting-hour': 153300,
      }
    });
    expect(result.plan.steps.map(where)).toEqual([
      'tir-epd @ bonded-zone, after release',
      'lodge-declaration @ bonded-zone',
      'electronic-review @ bonded-zone',
      'documentary-check @ bonded-zone',
      'physical-inspection @ bonded-zone',
      'release @ bonded-zone',
      'transit-declaration @ bonded-zone, after release',
      'customs-seal @ bonded-zone, after release',
      'haul @ en-route, after release',
      'arrival @ border-port, after release',
      'transit-termination @ border-port, after release',
      'exit-reinspection @ border-port, after release',
      'exit-gate-out @ border-port, after release',
    ]);
  });

  it('an excavator repaired in the Kashgar bonded zone and sold in China: baseline and bonded-maintenance', () => {
    const result = planner().plan({ declaration: { ...example('bonded-maintenance'), disposition: 'domestic-market' }, reforms: ['bonded-maintenance'] });
    expect(figures(result.baseline.expected)).toEqual({
      hoursToRelease: 5.81,
      hoursToExit: 6.31,
      hoursToComplete: 6.31,
      totalMinor: 20257387,
      items: {
        'broker-fee @ lodge-declaration': 45000,
        'inspection-handling-fee @ physical-inspection': 1950,
        'port-charges @ gate-out': 253470,
        'truck-waiting-hour': 94717,
        'import-duty': 5325000,
        'import-vat': 14537250,
      }
    });
    expect(figures(result.expected)).toEqual({
      hoursToRelease: 3.68,
      hoursToExit: 4.18,
      hoursToComplete: 4.18,
      totalMinor: 1907033,
      items: {
        'inspection-handling-fee @ physical-inspection': 1950,
        'port-charges @ gate-out': 253470,
        'truck-waiting-hour': 62633,
        'import-duty': 426000,
        'import-vat': 1162980,
      }
    });
    expect(result.plan.steps.map(where)).toEqual([
      'arrival @ bonded-zone',
      'lodge-declaration @ bonded-zone',
      'electronic-review @ bonded-zone',
      'documentary-check @ bonded-zone',
      'physical-inspection @ bonded-zone',
      'duty-payment @ bonded-zone',
      'release @ bonded-zone',
      'gate-out @ bonded-zone, after release',
    ]);
  });

  it('passenger cars from Khorgos into bonded storage: baseline and three-ones-vehicles', () => {
    const result = planner().plan({ declaration: example('three-ones-vehicles'), reforms: ['three-ones-vehicles'] });
    expect(figures(result.baseline.expected)).toEqual({
      hoursToRelease: 12.77,
      hoursToExit: 5.31,
      hoursToComplete: 12.77,
      totalMinor: 130019716,
      items: {
        'transit-declaration-fee @ transit-declaration': 30000,
        'inspection-handling-fee @ vehicle-conformity-check': 130000,
        'port-charges @ gate-out': 1013880,
        'handling-fee @ intermediate-handling': 160000,
        'inspection-handling-fee @ warehouse-entry-inspection': 130000,
        'duty-financing @ duty-payment': 650169,
        'truck-waiting-hour': 318667,
        'import-duty': 63900000,
        'import-vat': 63687000,
      }
    });
    expect(figures(result.expected)).toEqual({
      hoursToRelease: 4.61,
      hoursToExit: 3.56,
      hoursToComplete: 6.27,
      totalMinor: 128974547,
      items: {
        'transit-declaration-fee @ transit-declaration': 30000,
        'inspection-handling-fee @ vehicle-conformity-check': 130000,
        'port-charges @ gate-out': 1013880,
        'truck-waiting-hour': 213667,
        'import-duty': 63900000,
        'import-vat': 63687000,
      }
    });
    expect(result.plan.steps.map(where)).toEqual([
      'arrival @ border-port',
      'transit-declaration @ border-port',
      'electronic-review @ border-port',
      'documentary-check @ border-port',
      'vehicle-conformity-check @ border-port',
      'customs-seal @ border-port',
      'gate-out @ border-port',
      'haul @ en-route',
      'zone-entry-filing @ bonded-zone',
      'duty-payment @ bonded-zone, after release',
      'release @ bonded-zone',
    ]);
  });

});
