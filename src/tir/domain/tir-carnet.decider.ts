// The TIR carnet as decide/evolve (rules.md §3.1-3.3). A carnet is issued by the national association
// (CRTA in China) for one journey (Art. 17) with a guarantee up to a maximum sum (Art. 8.3) and a
// number of vouchers, one pair used per country. Each country's TIR operation starts at the office of
// departure (or on entry en route), is terminated at the exit or destination office and then
// discharged (Art. 1). The association sets a final date for acceptance at departure; once accepted,
// the carnet stays valid until termination (Art. 9).

import { CHINA_ASSOCIATION, type TirCarnetCommand, VOUCHER_COUNTS } from './tir-carnet.commands';
import { TirCarnetErrorCode as Code, carnetBadField, carnetConflict, carnetRefused } from './tir-carnet.errors';
import type { TirCarnetEvent } from './tir-carnet.events';
import { type IssuedCarnet, type TirCarnetState, type TirOperation, carnetStatus, initialCarnetState } from './tir-carnet.state';

export { initialCarnetState };

export function decideCarnet(state: TirCarnetState, command: TirCarnetCommand, nowMinutes: number): TirCarnetEvent[] {
  if (!Number.isFinite(nowMinutes)) throw carnetBadField('nowMinutes', 'must be a finite number of simulated minutes');
  if (command.type === 'IssueTirCarnet') {
    if (state.kind !== 'none') throw carnetConflict(Code.ALREADY_ISSUED, `Carnet ${state.carnetNumber} is already issued`);
    const c = command.data;
    text(c.carnetNumber, 'carnetNumber');
    text(c.holder?.id, 'holder.id');
    text(c.holder?.name, 'holder.name');
    if (!VOUCHER_COUNTS.includes(c.vouchers)) throw carnetBadField('vouchers', `a carnet has ${VOUCHER_COUNTS.join(', ')} vouchers (one pair per country)`);
    if (!Number.isInteger(c.guarantee?.amountMinor) || c.guarantee.amountMinor <= 0) throw carnetBadField('guarantee.amountMinor', 'must be a whole number of minor units, above 0');
    if (typeof c.guarantee.currency !== 'string' || !/^[A-Z]{3}$/.test(c.guarantee.currency)) throw carnetBadField('guarantee.currency', 'must be an ISO 4217 code, e.g. EUR');
    if (!Number.isFinite(c.validUntilMinutes) || c.validUntilMinutes <= nowMinutes) {
      throw carnetBadField('validUntilMinutes', `must be after now (minute ${nowMinutes}): the final minute for acceptance at departure`);
    }
    return [
      {
        type: 'TirCarnetIssued',
        data: { carnetNumber: c.carnetNumber, holder: c.holder, issuedBy: c.issuedBy ?? CHINA_ASSOCIATION, vouchers: c.vouchers, guarantee: c.guarantee, validUntilMinutes: c.validUntilMinutes, atMinutes: nowMinutes },
      },
    ];
  }
  if (state.kind === 'none') throw carnetConflict(Code.NOT_ISSUED, 'The carnet has not been issued');
  const carnet = state;
  const name = `Carnet ${carnet.carnetNumber}`;

  switch (command.type) {
    case 'LinkDeclarationToCarnet': {
      text(command.data.declarationId, 'declarationId');
      if (carnet.declarations.includes(command.data.declarationId)) return [];
      if (carnet.journeyEnded) {
        throw carnetRefused(Code.JOURNEY_ENDED, `${name} was terminated at destination; it is valid for one journey (TIR Convention Art. 17) and covers no new goods`, 'declarationId');
      }
      return [{ type: 'DeclarationLinkedToCarnet', data: { declarationId: command.data.declarationId, atMinutes: nowMinutes } }];
    }
    case 'StartTirOperation': {
      text(command.data.country, 'country');
      text(command.data.customsOffice, 'customsOffice');
      if (carnet.journeyEnded) {
        throw carnetRefused(Code.JOURNEY_ENDED, `${name} was terminated at its office of destination; a carnet is valid for one journey (TIR Convention Art. 17)`, 'carnetNumber');
      }
      const open = carnet.operations.find((o) => o.terminatedMinutes === null);
      if (open) {
        throw carnetRefused(Code.OPERATION_IN_PROGRESS, `${name}: TIR operation ${open.operationNumber} in ${open.country} is not terminated yet; terminate it at the exit office before starting the next`, 'carnetNumber', {
          operationNumber: open.operationNumber,
        });
      }
      const departure = carnet.operations.length === 0;
      if (departure && nowMinutes > carnet.validUntilMinutes) {
        throw carnetRefused(
          Code.EXPIRED,
          `${name} expired: the association's final date for acceptance at departure was minute ${carnet.validUntilMinutes}, it is minute ${nowMinutes} (TIR Convention Art. 9)`,
          'carnetNumber',
          { validUntilMinutes: carnet.validUntilMinutes },
        );
      }
      const left = carnet.vouchers - carnet.vouchersUsed;
      if (left < 2) {
        throw carnetRefused(Code.NO_VOUCHERS_LEFT, `${name} has no voucher pair left: ${carnet.vouchers} vouchers, ${carnet.vouchersUsed} used (one pair per country)`, 'carnetNumber', {
          vouchers: carnet.vouchers,
          vouchersUsed: carnet.vouchersUsed,
        });
      }
      return [
        {
          type: 'TirOperationStarted',
          data: {
            operationNumber: carnet.operations.length + 1,
            country: command.data.country,
            customsOffice: command.data.customsOffice,
            kind: departure ? 'departure' : 'entry-en-route',
            voucherPair: [carnet.vouchersUsed + 1, carnet.vouchersUsed + 2],
            vouchersLeft: left - 2,
            atMinutes: nowMinutes,
          },
        },
      ];
    }
    case 'TerminateTirOperation': {
      text(command.data.customsOffice, 'customsOffice');
      if (command.data.at !== 'exit' && command.data.at !== 'destination') throw carnetBadField('at', 'must be exit or destination');
      const operation = operationOf(carnet, command.data.operationNumber, 'latest');
      if (operation.terminatedMinutes !== null) {
        throw carnetRefused(
          Code.ALREADY_TERMINATED,
          `${name}: TIR operation ${operation.operationNumber} in ${operation.country} was already terminated at ${operation.terminationOffice} at minute ${operation.terminatedMinutes}`,
          'operationNumber',
          { operationNumber: operation.operationNumber },
        );
      }
      return [
        {
          type: 'TirOperationTerminated',
          data: { operationNumber: operation.operationNumber, customsOffice: command.data.customsOffice, at: command.data.at, reservation: command.data.reservation ?? null, atMinutes: nowMinutes },
        },
      ];
    }
    case 'DischargeTirOperation': {
      const operation = operationOf(carnet, command.data.operationNumber, 'undischarged');
      if (operation.terminatedMinutes === null) {
        throw carnetRefused(Code.NOT_TERMINATED, `${name}: TIR operation ${operation.operationNumber} in ${operation.country} is not terminated, so it cannot be discharged`, 'operationNumber');
      }
      if (operation.dischargedMinutes !== null) {
        throw carnetRefused(Code.ALREADY_DISCHARGED, `${name}: TIR operation ${operation.operationNumber} was already discharged at minute ${operation.dischargedMinutes}`, 'operationNumber');
      }
      return [{ type: 'TirOperationDischarged', data: { operationNumber: operation.operationNumber, atMinutes: nowMinutes } }];
    }
  }
}

/** The named operation; without a number, the latest one (to terminate) or the first not discharged (to discharge). */
function operationOf(carnet: IssuedCarnet, operationNumber: number | undefined, fallback: 'latest' | 'undischarged'): TirOperation {
  if (carnet.operations.length === 0) {
    throw carnetRefused(Code.NO_OPERATION, `Carnet ${carnet.carnetNumber} has not been accepted at departure yet: no TIR operation has started`, 'operationNumber');
  }
  if (operationNumber !== undefined) {
    const found = carnet.operations.find((o) => o.operationNumber === operationNumber);
    if (!found) throw carnetBadField('operationNumber', `carnet ${carnet.carnetNumber} has operations 1 to ${carnet.operations.length}`);
    return found;
  }
  if (fallback === 'latest') return carnet.operations[carnet.operations.length - 1];
  return carnet.operations.find((o) => o.dischargedMinutes === null) ?? carnet.operations[carnet.operations.length - 1];
}

function text(value: unknown, path: string): void {
  if (typeof value !== 'string' || value.trim() === '') throw carnetBadField(path, 'is required');
}

export function evolveCarnet(state: TirCarnetState, event: TirCarnetEvent): TirCarnetState {
  if (event.type === 'TirCarnetIssued') {
    const d = event.data;
    const issued: Omit<IssuedCarnet, 'status'> = {
      kind: 'issued',
      carnetNumber: d.carnetNumber,
      holder: d.holder,
      issuedBy: d.issuedBy,
      vouchers: d.vouchers,
      vouchersUsed: 0,
      guarantee: d.guarantee,
      validUntilMinutes: d.validUntilMinutes,
      issuedMinutes: d.atMinutes,
      declarations: [],
      operations: [],
      journeyEnded: false,
      version: 1,
    };
    return { ...issued, status: carnetStatus(issued) };
  }
  if (state.kind === 'none') throw new Error(`${event.type} before TirCarnetIssued: the stream is corrupt`);
  let next: IssuedCarnet = { ...state, version: state.version + 1 };
  const update = (n: number, change: (o: TirOperation) => TirOperation) => {
    next = { ...next, operations: next.operations.map((o) => (o.operationNumber === n ? change(o) : o)) };
  };
  switch (event.type) {
    case 'DeclarationLinkedToCarnet':
      next = { ...next, declarations: [...next.declarations, event.data.declarationId] };
      break;
    case 'TirOperationStarted': {
      const d = event.data;
      const operation: TirOperation = {
        operationNumber: d.operationNumber,
        country: d.country,
        kind: d.kind,
        startOffice: d.customsOffice,
        startedMinutes: d.atMinutes,
        voucherPair: d.voucherPair,
        terminationOffice: null,
        terminatedAt: null,
        terminatedMinutes: null,
        reservation: null,
        dischargedMinutes: null,
      };
      next = { ...next, operations: [...next.operations, operation], vouchersUsed: d.voucherPair[1] };
      break;
    }
    case 'TirOperationTerminated': {
      const d = event.data;
      update(d.operationNumber, (o) => ({ ...o, terminationOffice: d.customsOffice, terminatedAt: d.at, terminatedMinutes: d.atMinutes, reservation: d.reservation }));
      if (d.at === 'destination') next = { ...next, journeyEnded: true };
      break;
    }
    case 'TirOperationDischarged':
      update(event.data.operationNumber, (o) => ({ ...o, dischargedMinutes: event.data.atMinutes }));
      break;
  }
  return { ...next, status: carnetStatus(next) };
}
