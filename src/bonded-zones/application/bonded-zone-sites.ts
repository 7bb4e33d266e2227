// The reference data a ledger movement is checked against: the zone must be a comprehensive bonded zone
// of seeds/sites.json, every HS code must have a heading in seeds/hs-headings.json. Unknown codes are
// 422s naming the field, as everywhere in the API.

import { DomainError } from '../../common/domain/domain-error';
import type { HsHeading, Site } from '../../reference/domain/reference-data';
import type { ReferenceIndex } from '../../reference/domain/reference-index';

export function bondedZones(ref: ReferenceIndex): Site[] {
  return [...ref.sites.values()].filter((s) => s.kind === 'bonded-zone');
}

/** The bonded-zone site `zoneId`, or a 422 naming `zone` and the zones there are. */
export function requireBondedZone(ref: ReferenceIndex, zoneId: string): Site {
  const site = ref.sites.get(zoneId);
  if (site?.kind === 'bonded-zone') return site;
  const zones = bondedZones(ref).map((s) => s.id).join(', ');
  const message = site
    ? `${site.name} is a ${site.kind} site, not a comprehensive bonded zone; bonded maintenance is done inside a zone (${zones})`
    : `unknown site '${zoneId}'; the bonded zones are ${zones} (GET /api/reference/sites)`;
  throw new DomainError('LEDGER.UNKNOWN_ZONE', `zone: ${message}`, 'rule', [{ path: 'zone', message }], { zone: zoneId });
}

/** The tariff heading of `hsCode` (its duty and VAT rates), or a 422 naming `path`. */
export function requireHeading(ref: ReferenceIndex, hsCode: string, path: string): HsHeading {
  const heading = ref.heading(hsCode);
  if (heading) return heading;
  const message = `no tariff heading in the reference data for HS ${hsCode}; see GET /api/reference/hs-headings`;
  throw new DomainError('LEDGER.UNKNOWN_HS_CODE', `${path}: ${message}`, 'rule', [{ path, message }], { hsCode });
}
