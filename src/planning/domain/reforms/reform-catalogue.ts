// Every reform of the Overall Plan that swsim models, in the order they compose: first the ones that
// move where clearance happens, then the ones that change how goods are checked, then declaration
// timing, then treatments that speed up whatever steps remain.

import { advanceDeclaration } from './advance-declaration.reform';
import { aeoTreatment } from './aeo-treatment.reform';
import { bondedMaintenance } from './bonded-maintenance.reform';
import { dangerousChemicalsBatchInspection } from './dangerous-chemicals-batch-inspection.reform';
import { greenChannel } from './green-channel.reform';
import { localDirectClearance } from './local-direct-clearance.reform';
import { mutualTradeTieredInspection } from './mutual-trade-tiered-inspection.reform';
import { onePlusNInspection } from './one-plus-n-inspection.reform';
import { originSmartReview } from './origin-smart-review.reform';
import { portPlusUnloadingPlace } from './port-plus-unloading-place.reform';
import { railwayFastClearance } from './railway-fast-clearance.reform';
import type { ReformDefinition } from './reform';
import { thirdPartyInspection } from './third-party-inspection.reform';
import { threeOnesVehicles } from './three-ones-vehicles.reform';
import { tir } from './tir.reform';
import { twoStepDeclaration } from './two-step-declaration.reform';

export const REFORMS: ReformDefinition[] = [
  localDirectClearance,
  railwayFastClearance,
  portPlusUnloadingPlace,
  threeOnesVehicles,
  bondedMaintenance,
  tir,
  thirdPartyInspection,
  mutualTradeTieredInspection,
  dangerousChemicalsBatchInspection,
  onePlusNInspection,
  twoStepDeclaration,
  advanceDeclaration,
  originSmartReview,
  greenChannel,
  aeoTreatment,
];
