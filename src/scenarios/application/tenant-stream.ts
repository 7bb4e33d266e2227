// What a tenant lodged over REST, as a recorded stream: one row per DeclarationLodged event, keyed by
// the declaration id (so a replay draws what the sandbox drew), arriving at the plan's clock zero in
// the tenant's simulated minutes. The declaration is the one lodged; later amendments are not applied.

import { DECLARATION_AGGREGATE, type DeclarationLodged } from '../../declarations/domain/declaration.events';
import type { EventStore } from '../../event-store/event-store';
import type { RecordedDeclaration } from '../domain/scenario';

const BATCH = 5_000;

/** The tenant's lodgements in arrival order (store order among equal times). */
export async function tenantRecordedStream(store: EventStore, tenantId: string): Promise<RecordedDeclaration[]> {
  const rows: RecordedDeclaration[] = [];
  for (let after = 0; ; ) {
    const page = await store.readAll(after, BATCH);
    if (page.length === 0) break;
    for (const event of page) {
      if (event.aggregateType !== DECLARATION_AGGREGATE || event.type !== 'DeclarationLodged' || event.metadata.tenantId !== tenantId) continue;
      const data = event.payload as unknown as DeclarationLodged['data'];
      rows.push({
        key: data.declarationId,
        arrivalMinutes: data.clockZeroMinutes,
        procedure: data.procedure,
        advance: data.advance,
        declaration: data.declaration,
        commodity: data.declaration.goods[0].description,
      });
    }
    after = page[page.length - 1].position;
  }
  // Array.prototype.sort is stable: lodgements at the same minute keep their store order.
  return rows.sort((a, b) => a.arrivalMinutes - b.arrivalMinutes);
}
