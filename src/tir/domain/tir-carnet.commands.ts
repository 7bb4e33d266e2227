// Commands on a TIR carnet (rules.md §3.1-3.2): issued by the national association, linked to the
// declarations it covers, then one TIR operation per country: started at departure (or on entry en
// route), terminated at exit or destination, discharged. Times are simulated minutes.

interface Command<Type extends string, Data> {
  type: Type;
  data: Data;
}

/** Vouchers per carnet: one pair per country (a 20-voucher carnet covers 10 countries) [S31][S32]. */
export type VoucherCount = 4 | 6 | 14 | 16 | 20;
export const VOUCHER_COUNTS: VoucherCount[] = [4, 6, 14, 16, 20];

/** China's issuing and guaranteeing association since 18 May 2018 [S38][S40]. */
export const CHINA_ASSOCIATION = 'CRTA';

export interface CarnetHolder {
  /** TIR holder identification number (ITDB). */
  id: string;
  name: string;
}

export interface CarnetGuarantee {
  /** Maximum sum the association guarantees for the carnet (Art. 8.3), minor units of `currency`. */
  amountMinor: number;
  currency: string;
}

export type IssueTirCarnet = Command<
  'IssueTirCarnet',
  {
    carnetNumber: string;
    holder: CarnetHolder;
    /** The issuing association; default CRTA (China Road Transport Association). */
    issuedBy?: string;
    vouchers: VoucherCount;
    guarantee: CarnetGuarantee;
    /** Final minute for acceptance at the office of departure (Art. 9); once accepted, valid until termination. */
    validUntilMinutes: number;
  }
>;
export type LinkDeclarationToCarnet = Command<'LinkDeclarationToCarnet', { declarationId: string }>;
/** Presents vehicle, load and carnet: the first operation at the office of departure, later ones on entry en route. Uses one voucher pair. */
export type StartTirOperation = Command<'StartTirOperation', { country: string; customsOffice: string }>;
/** `at: 'exit'` ends the operation at an exit office en route; `at: 'destination'` also ends the journey. */
export type TerminateTirOperation = Command<'TerminateTirOperation', { operationNumber?: number; customsOffice: string; at: 'exit' | 'destination'; reservation?: string }>;
export type DischargeTirOperation = Command<'DischargeTirOperation', { operationNumber?: number }>;

export type TirCarnetCommand = IssueTirCarnet | LinkDeclarationToCarnet | StartTirOperation | TerminateTirOperation | DischargeTirOperation;
export type TirCarnetCommandType = TirCarnetCommand['type'];
