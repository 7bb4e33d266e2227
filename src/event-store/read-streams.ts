// Every stream of one aggregate type, read from the whole store in position order: what rebuilding a
// read model starts from (`swsim projections rebuild`).

import type { EventStore, StoredEvent } from './event-store';

const BATCH = 5_000;

export async function readStreamsOf(store: EventStore, aggregateType: string): Promise<{ streams: Map<string, StoredEvent[]>; events: number }> {
  const streams = new Map<string, StoredEvent[]>();
  let events = 0;
  for (let after = 0; ; ) {
    const page = await store.readAll(after, BATCH);
    if (page.length === 0) break;
    for (const event of page) {
      if (event.aggregateType !== aggregateType) continue;
      const stream = streams.get(event.aggregateId) ?? [];
      stream.push(event);
      streams.set(event.aggregateId, stream);
      events++;
    }
    after = page[page.length - 1].position;
  }
  return { streams, events };
}
