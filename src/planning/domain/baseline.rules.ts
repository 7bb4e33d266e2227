// The baseline rule set: the ordinary clearance plan for a declaration, before any reform of the
// Overall Plan (rules.md §0 and §6.12). Which steps apply, where and in what order is decided here;
// what each step is (duration, owner, resource, cost items, source) comes from seeds/steps.json.
//
// Clock zero is when the consignment is first presented to customs: arrival at the border port for
// imports and transits, the origin inspection or inland office for exports that start there.

import type { Site, TransportModeId } from '../../reference/domain/reference-data';
import type { ReferenceIndex } from '../../reference/domain/reference-index';
import type { DeclarationFacts } from './declaration';
import { type Channel, type ChannelProbabilities, type ClearancePlan, type Location, type PlanStep, type StepCost, assertWellFormed, placeAt, stepFromTemplate } from './plan';

/** Mutual trade: goods under RMB 8,000 per resident per day are free of duty and tax [S69]. */
const MUTUAL_TRADE_ALLOWANCE_PER_RESIDENT_MINOR = 800_000;
/** ASSUMPTION (rules.md §5.2): vehicles in bonded storage wait about 60 days for a buyer; duty paid on entry is financed meanwhile. */
const VEHICLE_STORAGE_DAYS = 60;

const CHECKS: Channel[] = ['yellow', 'red'];
const RED: Channel[] = ['red'];

export function buildBaselinePlan(facts: DeclarationFacts, ref: ReferenceIndex): ClearancePlan {
  const d = facts.declaration;
  const plan = new PlanBuilder(ref);
  const taxation: ClearancePlan['taxation'] = {
    basis: d.flow === 'import' ? 'customs-value' : 'none',
    allowancePerResidentMinor: d.supervisionMode === 'BMTR' ? MUTUAL_TRADE_ALLOWANCE_PER_RESIDENT_MINOR : 0,
  };
  let exitStep = 'gate-out';

  if (d.flow === 'transit') {
    exitStep = transitFlow(plan, facts);
  } else if (d.flow === 'export') {
    exitStep = exportFlow(plan, facts);
  } else if (facts.flags.vehicle && facts.inlandSite?.kind === 'bonded-zone') {
    vehicleBondedWarehousingFlow(plan, facts);
  } else {
    if (isRepairImport(facts)) {
      // Import for repair (1300) outside the zone regime: duties are secured while the goods are
      // repaired; repaired goods that stay in China pay on their full value (ASSUMPTION, rules.md §4).
      taxation.basis = d.disposition === 'domestic-market' ? 'customs-value' : 'none';
    }
    importFlow(plan, facts);
  }

  const built: ClearancePlan = {
    steps: plan.steps,
    channelRates: channelRates(facts, ref),
    releaseStep: 'release',
    exitStep,
    taxation,
    waitingCostItem: waitingCostItem(ref, d.transportMode),
  };
  assertWellFormed(built);
  return built;
}

/** Imports cleared at the border port (or at the bonded zone they enter), then hauled inland if an inland site is named. */
function importFlow(plan: PlanBuilder, facts: DeclarationFacts): void {
  const d = facts.declaration;
  const at = plan.at(facts.port);
  const rail = d.transportMode === 'rail';
  plan.add('arrival', at, []);
  const goodsReady = rail ? [plan.add('gauge-transshipment', at, ['arrival'])] : ['arrival'];

  const lodge = d.supervisionMode === 'BMTR' ? 'resident-declaration' : rail && facts.inlandSite ? 'transfer-declaration' : 'lodge-declaration';
  plan.add(lodge, at, ['arrival']);
  plan.add('electronic-review', at, [lodge]);
  plan.add('documentary-check', at, ['electronic-review'], { channels: CHECKS, condition: 'yellow or red channel' });
  plan.add('physical-inspection', at, ['documentary-check', ...goodsReady], { channels: RED, condition: 'red channel' });
  const releaseAfter = ['documentary-check', 'physical-inspection'];

  if (facts.flags.freshProduce) {
    releaseAfter.push(plan.add('quarantine-inspection', at, ['electronic-review', ...goodsReady], { condition: 'every lot of imported fresh produce [S13]' }));
  }
  if (d.supervisionMode === 'BMTR') {
    releaseAfter.push(plan.add('mutual-trade-inspection', at, ['electronic-review', ...goodsReady], { condition: 'every mutual-trade lot (ASSUMPTION: no graded scheme in the baseline)' }));
  }
  if (facts.flags.vehicle) {
    releaseAfter.push(plan.add('vehicle-conformity-check', at, ['electronic-review', ...goodsReady], { condition: 'every imported vehicle (legal inspection) [S65]' }));
  }
  if (facts.flags.mineral) releaseAfter.push(...mineralChecks(plan, facts, at, goodsReady));

  if (isRepairImport(facts) && d.disposition !== 'domestic-market') {
    releaseAfter.push(plan.add('repair-guarantee', at, ['documentary-check'], { condition: 'duties secured while the goods are repaired' }));
  } else {
    releaseAfter.push(plan.add('duty-payment', at, ['documentary-check']));
  }
  plan.add('release', at, releaseAfter);
  plan.add('gate-out', at, ['release'], { costs: gateCharges(d.transportMode) });
  if (facts.inlandSite) plan.haul(facts.port, facts.inlandSite, d.transportMode, ['gate-out']);
}

/**
 * Ores and concentrates (rules.md §2.1): radiation and solid-waste screening at the port, sampling and
 * the lab when a test is due. Copper concentrate is always tested for harmful elements [S23] and,
 * not being on the 2018 "release first, test later" list, waits for the result (ASSUMPTION, open
 * question 15). Iron, lead and zinc ores are tested only when a quality certificate is requested
 * [S20][S21], and are released before the result (GACC 2018 No.134 [S19]).
 */
function mineralChecks(plan: PlanBuilder, facts: DeclarationFacts, at: Place, goodsReady: string[]): string[] {
  const copper = facts.minerals.includes('copper');
  const labDue = copper || facts.declaration.qualityCertificateRequested === true;
  plan.add('radiation-check', at, goodsReady, { condition: 'every mineral lot [S17]' });
  plan.add('solid-waste-screening', at, ['radiation-check'], { condition: 'every mineral lot [S17][S18]' });
  if (!labDue) return ['solid-waste-screening'];
  plan.add('sampling', at, ['solid-waste-screening'], { condition: copper ? 'copper concentrate: harmful elements [S23]' : 'quality certificate requested [S20][S21]' });
  plan.add('lab-test', at, ['sampling']);
  plan.add('conformity-certificate', at, ['lab-test']);
  return copper ? ['sampling', 'lab-test'] : ['sampling'];
}

/**
 * Vehicles for bonded warehousing, ordinary flow (rules.md §5.2, ASSUMPTION): inspected at the port,
 * moved under transit, unloaded and re-loaded on the way, inspected again on warehouse entry, and
 * duty paid on entry then financed until the car is sold.
 */
function vehicleBondedWarehousingFlow(plan: PlanBuilder, facts: DeclarationFacts): void {
  const d = facts.declaration;
  const port = plan.at(facts.port);
  const zone = plan.at(facts.inlandSite!);
  plan.add('arrival', port, []);
  plan.add('transit-declaration', port, ['arrival']);
  plan.add('electronic-review', port, ['transit-declaration']);
  plan.add('documentary-check', port, ['electronic-review'], { channels: CHECKS, condition: 'yellow or red channel' });
  plan.add('vehicle-conformity-check', port, ['electronic-review'], { condition: 'every imported vehicle (legal inspection) [S65]' });
  plan.add('customs-seal', port, ['documentary-check', 'vehicle-conformity-check']);
  plan.add('gate-out', port, ['customs-seal'], { costs: gateCharges(d.transportMode) });
  const haul = plan.haul(facts.port, facts.inlandSite!, d.transportMode, ['gate-out']);
  plan.add('intermediate-handling', { location: 'en-route', site: null }, [haul]);
  plan.add('zone-entry-filing', zone, ['intermediate-handling']);
  plan.add('warehouse-entry-inspection', zone, ['intermediate-handling'], { condition: 'every vehicle entering the bonded warehouse (ASSUMPTION)' });
  plan.add('duty-payment', zone, ['zone-entry-filing'], {
    costs: [{ item: 'duty-financing', quantity: VEHICLE_STORAGE_DAYS / 365 }],
    condition: `duty paid on warehouse entry and financed for ${VEHICLE_STORAGE_DAYS} days until sale (ASSUMPTION)`,
  });
  plan.add('release', zone, ['zone-entry-filing', 'warehouse-entry-inspection', 'duty-payment']);
}

/** Exports; returns the exit step. An export from an inland site by road is declared there and moved to the port under national transit. */
function exportFlow(plan: PlanBuilder, facts: DeclarationFacts): string {
  const d = facts.declaration;
  const origin: Place = facts.inlandSite ? plan.at(facts.inlandSite) : { location: 'origin', site: null };
  const originChecks: string[] = [];
  if (facts.flags.freshProduce) originChecks.push(plan.add('origin-inspection', origin, [], { condition: 'fresh produce: outbound inspection and quarantine [S15]' }));
  if (facts.flags.dangerousGoods) originChecks.push(plan.add('dg-origin-inspection', origin, [], { condition: 'dangerous chemicals: every batch inspected at origin [S84]' }));

  if (facts.inlandSite && d.transportMode === 'road') {
    const inland = plan.at(facts.inlandSite);
    plan.add('lodge-declaration', inland, originChecks);
    declarationChecks(plan, inland, ['lodge-declaration'], originChecks);
    const releaseAfter = ['documentary-check', 'physical-inspection'];
    if (d.certificateOfOrigin) releaseAfter.push(plan.add('certificate-of-origin', inland, ['lodge-declaration'], { condition: 'certificate of origin applied for' }));
    plan.add('release', inland, releaseAfter);
    nationalTransit(plan, facts, facts.inlandSite, facts.port, 'release');
    return 'exit-gate-out';
  }

  const port = plan.at(facts.port);
  const toPort = facts.inlandSite ? [plan.haul(facts.inlandSite, facts.port, d.transportMode, originChecks)] : originChecks;
  plan.add('arrival', port, toPort);
  plan.add('lodge-declaration', port, ['arrival']);
  declarationChecks(plan, port, ['lodge-declaration'], ['arrival']);
  const releaseAfter = ['documentary-check', 'physical-inspection'];
  if (facts.flags.dangerousGoods) releaseAfter.push(plan.add('dg-port-check', port, ['electronic-review'], { condition: 'dangerous goods checked against the origin ledger [S84]' }));
  plan.add('release', port, releaseAfter);
  const exitAfter = ['release'];
  if (d.certificateOfOrigin) exitAfter.push(plan.add('certificate-of-origin', port, ['lodge-declaration'], { condition: 'certificate of origin applied for; it travels with the goods' }));
  plan.add('gate-out', port, exitAfter, { costs: gateCharges(d.transportMode) });
  return 'gate-out';
}

/** Goods crossing China from one border port to another under an ordinary national transit; returns the exit step. */
function transitFlow(plan: PlanBuilder, facts: DeclarationFacts): string {
  const d = facts.declaration;
  const entry = plan.at(facts.port);
  plan.add('arrival', entry, []);
  plan.add('transit-declaration', entry, ['arrival']);
  plan.add('electronic-review', entry, ['transit-declaration']);
  plan.add('documentary-check', entry, ['electronic-review'], { channels: CHECKS, condition: 'yellow or red channel' });
  plan.add('physical-inspection', entry, ['documentary-check'], { channels: RED, condition: 'red channel' });
  plan.add('transit-guarantee', entry, ['electronic-review']);
  plan.add('customs-seal', entry, ['transit-guarantee', 'physical-inspection']);
  plan.add('release', entry, ['customs-seal']);
  plan.add('gate-out', entry, ['release'], { costs: gateCharges(d.transportMode) });
  return transitLeg(plan, facts, facts.port, facts.exitPort!, 'gate-out');
}

/** Export from an inland site: national transit declaration, guarantee and seal there, then the transit leg to the port. */
function nationalTransit(plan: PlanBuilder, facts: DeclarationFacts, from: Site, to: Site, after: string): string {
  const inland = plan.at(from);
  plan.add('transit-declaration', inland, [after]);
  plan.add('transit-guarantee', inland, ['transit-declaration']);
  plan.add('customs-seal', inland, ['transit-guarantee']);
  return transitLeg(plan, facts, from, to, 'customs-seal');
}

/** Haul under seal (escorted now and then), termination, possible re-inspection and transshipment at the exit port. */
function transitLeg(plan: PlanBuilder, facts: DeclarationFacts, from: Site, to: Site, after: string): string {
  const mode = facts.declaration.transportMode;
  const exit = plan.at(to);
  const road = mode === 'road';
  if (road) plan.add('escort', { location: 'en-route', site: null }, [after]);
  const haul = plan.haul(from, to, mode, road ? [after, 'escort'] : [after]);
  const arrived = from.id === facts.port.id ? haul : plan.add('arrival', exit, [haul]);
  plan.add('transit-termination', exit, [arrived]);
  plan.add('exit-reinspection', exit, ['transit-termination']);
  if (road) plan.add('transshipment', exit, ['exit-reinspection']);
  plan.add('exit-gate-out', exit, [road ? 'transshipment' : 'exit-reinspection'], { costs: gateCharges(mode) });
  return 'exit-gate-out';
}

function declarationChecks(plan: PlanBuilder, at: Place, lodged: string[], goodsReady: string[]): void {
  plan.add('electronic-review', at, lodged);
  plan.add('documentary-check', at, ['electronic-review'], { channels: CHECKS, condition: 'yellow or red channel' });
  plan.add('physical-inspection', at, ['documentary-check', ...goodsReady], { channels: RED, condition: 'red channel' });
}

function isRepairImport(facts: DeclarationFacts): boolean {
  return facts.port.kind === 'bonded-zone' && (facts.declaration.supervisionMode === '1300' || facts.declaration.supervisionMode === '1371');
}

/**
 * Channel shares for this declaration: the commodity's risk class sets the rates for a general-credit
 * trader, the credit class scales them (advanced AEO below 20 % [S95]) and floors them (discredited
 * above 80 % [S96]).
 */
export function channelRates(facts: DeclarationFacts, ref: ReferenceIndex): ChannelProbabilities {
  const base = ref.channelRates.get(facts.risk)!;
  const credit = ref.creditClasses.get(facts.declaration.trader.creditClass)!;
  const red = Math.max(Math.min(1, base.red * credit.inspectionRateMultiplier), credit.minimumInspectionRate);
  const yellow = Math.min(1 - red, base.yellow * credit.inspectionRateMultiplier);
  return { green: 1 - red - yellow, yellow, red };
}

function gateCharges(mode: TransportModeId): StepCost[] {
  if (mode === 'road') return [{ item: 'port-charges', quantity: 1 }];
  if (mode === 'rail') return [{ item: 'rail-port-charges', quantity: 1 }];
  return [];
}

function waitingCostItem(ref: ReferenceIndex, mode: TransportModeId): string | null {
  const conveyance = ref.transportModes.get(mode)?.conveyance;
  if (conveyance === 'truck') return 'truck-waiting-hour';
  if (conveyance === 'wagon') return 'wagon-waiting-hour';
  return null;
}

interface Place {
  location: Location;
  site: string | null;
}

interface StepOptions {
  channels?: Channel[];
  condition?: string;
  costs?: StepCost[];
}

/** Collects steps from their seeds/steps.json templates. */
class PlanBuilder {
  readonly steps: PlanStep[] = [];

  constructor(private readonly ref: ReferenceIndex) {}

  at(site: Site): Place {
    return placeAt(site);
  }

  add(templateId: string, place: Place, after: string[], options: StepOptions = {}): string {
    const t = this.ref.step(templateId);
    const { channels = null, ...fields } = options;
    this.steps.push(stepFromTemplate(t, place, after, { channels, ...fields }));
    return t.id;
  }

  /** The haul between two sites, its duration from seeds/routes.json. */
  haul(from: Site, to: Site, mode: TransportModeId, after: string[]): string {
    const id = this.add('haul', { location: 'en-route', site: null }, after);
    const route = this.ref.route(from.id, to.id);
    if (route) {
      const step = this.steps[this.steps.length - 1];
      this.steps[this.steps.length - 1] = {
        ...step,
        title: `Haul ${from.name} - ${to.name} (${mode})`,
        duration: { kind: 'constant', minutes: route.haulHours * 60 },
        source: route.source,
        assumption: route.assumption,
      };
    }
    return id;
  }
}
