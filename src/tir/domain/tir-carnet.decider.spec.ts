import { DomainError } from '../../common/domain/domain-error';
import type { IssueTirCarnet, TirCarnetCommand } from './tir-carnet.commands';
import { decideCarnet, evolveCarnet, initialCarnetState } from './tir-carnet.decider';
import { TirCarnetErrorCode } from './tir-carnet.errors';
import type { TirCarnetEvent } from './tir-carnet.events';
import type { IssuedCarnet, TirCarnetState } from './tir-carnet.state';

const DAY = 24 * 60;

const issue = (data: Partial<IssueTirCarnet['data']> = {}): IssueTirCarnet => ({
  type: 'IssueTirCarnet',
  data: {
    carnetNumber: 'XC71234567',
    holder: { id: 'CHN/042/117', name: 'Kashgar Silk Road Logistics Co.' },
    vouchers: 4,
    guarantee: { amountMinor: 10_000_000, currency: 'EUR' },
    validUntilMinutes: 60 * DAY,
    ...data,
  },
});

function given(commands: Array<[TirCarnetCommand, number]>): { state: TirCarnetState; events: TirCarnetEvent[] } {
  let state: TirCarnetState = initialCarnetState;
  const events: TirCarnetEvent[] = [];
  for (const [command, at] of commands) {
    const produced = decideCarnet(state, command, at);
    events.push(...produced);
    state = produced.reduce(evolveCarnet, state);
  }
  return { state, events };
}

function refusal(state: TirCarnetState, command: TirCarnetCommand, at: number): DomainError {
  try {
    decideCarnet(state, command, at);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

const start = (country: string, customsOffice: string): TirCarnetCommand => ({ type: 'StartTirOperation', data: { country, customsOffice } });
const terminate = (customsOffice: string, at: 'exit' | 'destination'): TirCarnetCommand => ({ type: 'TerminateTirOperation', data: { customsOffice, at } });

describe('TIR carnet', () => {
  it('given nothing, when CRTA issues a carnet, then it is issued with its vouchers, guarantee and validity', () => {
    const { state, events } = given([[issue(), 0]]);
    expect(events).toEqual([
      {
        type: 'TirCarnetIssued',
        data: {
          carnetNumber: 'XC71234567',
          holder: { id: 'CHN/042/117', name: 'Kashgar Silk Road Logistics Co.' },
          issuedBy: 'CRTA',
          vouchers: 4,
          guarantee: { amountMinor: 10_000_000, currency: 'EUR' },
          validUntilMinutes: 60 * DAY,
          atMinutes: 0,
        },
      },
    ]);
    expect(state).toMatchObject({ kind: 'issued', status: 'issued', vouchersUsed: 0, version: 1 });
  });

  it('refuses a voucher count that does not exist, and a second issue', () => {
    expect(refusal(initialCarnetState, issue({ vouchers: 5 as 4 }), 0)).toMatchObject({ kind: 'validation', errors: [{ path: 'vouchers' }] });
    const { state } = given([[issue(), 0]]);
    expect(refusal(state, issue(), 1)).toMatchObject({ kind: 'conflict', code: TirCarnetErrorCode.ALREADY_ISSUED });
  });

  it('links the declarations it covers, each once', () => {
    const { state, events } = given([
      [issue(), 0],
      [{ type: 'LinkDeclarationToCarnet', data: { declarationId: 'DEC-1' } }, 10],
      [{ type: 'LinkDeclarationToCarnet', data: { declarationId: 'DEC-2' } }, 11],
      [{ type: 'LinkDeclarationToCarnet', data: { declarationId: 'DEC-1' } }, 12],
    ]);
    expect(events.filter((e) => e.type === 'DeclarationLinkedToCarnet')).toHaveLength(2);
    expect((state as IssuedCarnet).declarations).toEqual(['DEC-1', 'DEC-2']);
  });

  it('walks a journey Kashgar -> Irkeshtam -> Kyrgyzstan: start at departure, terminate at exit, start on entry, terminate at destination, discharge', () => {
    const { state, events } = given([
      [issue(), 0],
      [start('CN', 'Kashgar customs (departure)'), 100],
      [terminate('Irkeshtam', 'exit'), 500],
      [start('KG', 'Irkeshtam (KG entry)'), 560],
      [terminate('Osh', 'destination'), 900],
      [{ type: 'DischargeTirOperation', data: {} }, 950],
      [{ type: 'DischargeTirOperation', data: {} }, 1000],
    ]);
    expect(events.filter((e) => e.type === 'TirOperationStarted').map((e) => e.data)).toEqual([
      { operationNumber: 1, country: 'CN', customsOffice: 'Kashgar customs (departure)', kind: 'departure', voucherPair: [1, 2], vouchersLeft: 2, atMinutes: 100 },
      { operationNumber: 2, country: 'KG', customsOffice: 'Irkeshtam (KG entry)', kind: 'entry-en-route', voucherPair: [3, 4], vouchersLeft: 0, atMinutes: 560 },
    ]);
    expect(state).toMatchObject({ status: 'discharged', journeyEnded: true, vouchersUsed: 4 });
  });

  describe('refusals say why (422)', () => {
    it('a carnet with no voucher pair left', () => {
      const { state } = given([
        [issue({ vouchers: 4 }), 0],
        [start('CN', 'Khorgos'), 10],
        [terminate('Khorgos', 'exit'), 20],
        [start('KZ', 'Nur Zholy'), 30],
        [terminate('Nur Zholy exit', 'exit'), 40],
      ]);
      const error = refusal(state, start('UZ', 'Tashkent'), 50);
      expect(error).toMatchObject({ kind: 'rule', code: TirCarnetErrorCode.NO_VOUCHERS_LEFT, details: { vouchers: 4, vouchersUsed: 4 } });
      expect(error.message).toBe('Carnet XC71234567 has no voucher pair left: 4 vouchers, 4 used (one pair per country)');
    });

    it('an operation already terminated', () => {
      const { state } = given([
        [issue(), 0],
        [start('CN', 'Kashgar'), 10],
        [terminate('Irkeshtam', 'exit'), 400],
      ]);
      const error = refusal(state, terminate('Irkeshtam', 'exit'), 410);
      expect(error).toMatchObject({ kind: 'rule', code: TirCarnetErrorCode.ALREADY_TERMINATED, errors: [{ path: 'operationNumber' }] });
      expect(error.message).toMatch(/operation 1 in CN was already terminated at Irkeshtam at minute 400/);
    });

    it('a carnet past its final date for acceptance at departure; once accepted it stays valid', () => {
      const { state } = given([[issue({ validUntilMinutes: 1000 }), 0]]);
      const error = refusal(state, start('CN', 'Kashgar'), 1001);
      expect(error).toMatchObject({ kind: 'rule', code: TirCarnetErrorCode.EXPIRED });
      expect(error.message).toMatch(/final date for acceptance at departure was minute 1000/);
      const accepted = given([
        [issue({ validUntilMinutes: 1000 }), 0],
        [start('CN', 'Kashgar'), 900],
        [terminate('Irkeshtam', 'exit'), 1200],
      ]).state;
      expect(decideCarnet(accepted, start('KG', 'Irkeshtam KG'), 1300)).toHaveLength(1);
    });

    it('a carnet whose journey ended at destination, a second operation while one is open, a discharge before termination', () => {
      const ended = given([
        [issue(), 0],
        [start('CN', 'Khorgos'), 10],
        [terminate('Urumqi', 'destination'), 900],
      ]).state;
      expect(refusal(ended, start('CN', 'Urumqi'), 1000)).toMatchObject({ kind: 'rule', code: TirCarnetErrorCode.JOURNEY_ENDED });
      const open = given([
        [issue(), 0],
        [start('CN', 'Khorgos'), 10],
      ]).state;
      expect(refusal(open, start('KZ', 'Nur Zholy'), 20)).toMatchObject({ kind: 'rule', code: TirCarnetErrorCode.OPERATION_IN_PROGRESS });
      expect(refusal(open, { type: 'DischargeTirOperation', data: {} }, 20)).toMatchObject({ kind: 'rule', code: TirCarnetErrorCode.NOT_TERMINATED });
      expect(refusal(given([[issue(), 0]]).state, terminate('Khorgos', 'exit'), 5)).toMatchObject({ kind: 'rule', code: TirCarnetErrorCode.NO_OPERATION });
    });
  });

  it('refuses commands on a carnet that was never issued', () => {
    expect(refusal(initialCarnetState, start('CN', 'Khorgos'), 0)).toMatchObject({ kind: 'conflict', code: TirCarnetErrorCode.NOT_ISSUED });
  });
});
