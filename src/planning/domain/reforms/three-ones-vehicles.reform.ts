// "Three ones" (一检、一运、一体化运营) for bonded warehousing of imported vehicles (rules.md §5.2).
// No source defines the model (open question 1): every mechanism and number here is our ASSUMPTION,
// and each effect is a parameter so that it can be switched off. One inspection: the port's
// conformity check is reused and the second check on warehouse entry goes. One transport: one
// electronic-seal haul from the port to the warehouse, with no intermediate unloading and a quick
// transfer instead of a transit declaration. Integrated operation: duty is declared and paid when a
// car is sold, so storage no longer waits for it and no duty is financed meanwhile.

import type { ReformDefinition } from './reform';
import { PlanEditor } from './reform';

const CLAUSE =
  'Overall Plan, trade facilitation: "three ones" (one inspection, one transport, integrated operation) for bonded warehousing of imported vehicles (plan wording not verified, rules.md open questions 1 and 2)';

const SOURCE = 'rules.md §5.2 (ASSUMPTION: no source defines "three ones", open question 1)';

export const threeOnesVehicles: ReformDefinition = {
  id: 'three-ones-vehicles',
  title: '"Three ones" for bonded vehicle warehousing',
  titleZh: '一检、一运、一体化运营',
  clause: CLAUSE,
  summary:
    "Imported vehicles bound for a bonded warehouse are inspected once at the port (no second check on warehouse entry), hauled once under electronic seal (no intermediate unloading, a quick transfer instead of a transit declaration), and pay duty when sold, so entry into storage no longer waits for the duty and no duty is financed. All of it is an assumption.",
  sources: ['rules.md §5.2: the whole model is an ASSUMPTION (open question 1)', '[S64] no storage time limit for parallel-import cars', '[S65] VIN pre-verification, permits 408/411'],
  assumption: true,
  eligibility: 'Vehicles imported for bonded storage: the inland site is a comprehensive bonded zone.',
  parameters: [
    {
      name: 'inspections',
      title: 'Inspections per vehicle: 1 reuses the port check on warehouse entry, 2 keeps both',
      unit: 'inspections',
      default: 1,
      min: 1,
      max: 2,
      source: 'ASSUMPTION: "one inspection" done once and reused (rules.md §5.2 n_inspections 2 -> 1)',
      assumption: true,
    },
    {
      name: 'hauls',
      title: 'Hauls from the port to the warehouse: 1 is one electronic-seal haul, 2 keeps the intermediate unloading and re-loading',
      unit: 'hauls',
      default: 1,
      min: 1,
      max: 2,
      source: 'ASSUMPTION: "one transport" with no intermediate unloading (rules.md §5.2 n_hauls 2 -> 1)',
      assumption: true,
    },
    {
      name: 'transferDeclarationFactor',
      title: 'Time of the electronic-seal transfer as a share of the transit declaration it replaces',
      unit: 'factor',
      default: 0.25,
      min: 0,
      max: 1,
      source: 'ASSUMPTION: an electronic-seal transfer without re-declaration takes a quarter of a transit declaration (rules.md §5.2)',
      assumption: true,
    },
    {
      name: 'dutyAtSale',
      title: 'Duty declared and paid when a vehicle is sold (1), or on warehouse entry as in the baseline (0)',
      unit: 'flag (0 or 1)',
      default: 1,
      min: 0,
      max: 1,
      source: 'ASSUMPTION: "integrated operation" moves the duty payment to the sale (rules.md §5.2 duty_payment_point); no storage limit [S64]',
      assumption: true,
    },
  ],
  example: {
    flow: 'import',
    port: 'khorgos-road',
    transportMode: 'road',
    supervisionMode: '1233',
    trader: { name: 'Khorgos Parallel Import Auto Co.', creditClass: 'general' },
    goods: [{ hsCode: '8703236000', description: 'Passenger cars, 1.5-3 litre petrol', quantity: 24, unit: 'unit', customsValueMinor: 60_000_000, currency: 'USD' }],
    inlandSite: 'khorgos-cbz',
    conveyances: 4,
  },

  ineligibility({ facts }, plan) {
    if (!facts.flags.vehicle) return 'the goods are not vehicles';
    if (facts.declaration.flow !== 'import') return `"three ones" covers vehicles imported for bonded storage; this is ${facts.declaration.flow === 'export' ? 'an export' : 'a transit'}`;
    if (facts.inlandSite?.kind !== 'bonded-zone') return 'the vehicles are not going into bonded storage: name a comprehensive bonded zone as the inland site';
    if (!plan.steps.some((s) => s.id === 'warehouse-entry-inspection' || s.id === 'intermediate-handling')) {
      return 'the plan is not the ordinary bonded-warehousing flow (no second inspection or intermediate handling left to remove)';
    }
    return null;
  },

  apply(plan, _ctx, p) {
    const edit = new PlanEditor(plan, threeOnesVehicles);
    if (p.transferDeclarationFactor < 1 && edit.has('transit-declaration')) {
      edit.scaleDuration('transit-declaration', p.transferDeclarationFactor, {
        reason: `one transport: the vehicles move to the warehouse on an electronic-seal transfer, ${Math.round(p.transferDeclarationFactor * 100)} % of the time of a transit declaration`,
        source: SOURCE,
      });
    }
    if (p.hauls < 1.5 && edit.has('intermediate-handling')) {
      edit.remove('intermediate-handling', { reason: 'one transport: one haul from the port straight to the bonded warehouse, with no unloading and re-loading on the way', source: SOURCE });
    }
    if (p.inspections < 1.5 && edit.has('warehouse-entry-inspection')) {
      edit.remove('warehouse-entry-inspection', { reason: "one inspection: the port's VIN, CCC and conformity check is reused on warehouse entry instead of inspecting again", source: SOURCE });
    }
    if (p.dutyAtSale >= 0.5 && edit.has('duty-payment')) {
      edit.releaseWithout('duty-payment', { reason: 'integrated operation: duty is declared and paid when a vehicle is sold, so entry into bonded storage no longer waits for it', source: SOURCE });
      edit.setCondition('duty-payment', 'duty declared and paid when the vehicle is sold (integrated operation, ASSUMPTION)');
      const costs = edit.get('duty-payment').costs;
      if (costs.some((c) => c.item === 'duty-financing')) {
        edit.setCosts(
          'duty-payment',
          costs.filter((c) => c.item !== 'duty-financing'),
          { reason: 'no duty is paid before the sale, so none is financed while the vehicle waits for a buyer', source: `${SOURCE}; no storage time limit [S64]` },
        );
      }
    }
    return edit.result();
  },
};
