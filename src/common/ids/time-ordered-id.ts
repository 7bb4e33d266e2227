// Ids for records that are written at a high rate and indexed by id: declarations. A random (v4) UUID
// lands each new row on a random page of every index that holds the id (the read model's primary key,
// the event store's stream index), so a commit of twenty lodgements wrote some sixty scattered index
// pages. A version 7 UUID (RFC 9562 §5.7) starts with the Unix time in milliseconds, so new ids sort
// after the ones before and share the last page of each index; the remaining 74 bits are random, so
// ids are still unguessable across tenants. They are ordinary UUIDs to every client and validator.

import { randomFillSync } from 'node:crypto';

const RANDOM_BYTES = 10;
/** Random bytes drawn 512 ids at a time: one call into the system's generator per id costs more than the rest of the id. */
const pool = Buffer.alloc(RANDOM_BYTES * 512);
let poolOffset = pool.length;

function randomBytesForId(): Buffer {
  if (poolOffset === pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  poolOffset += RANDOM_BYTES;
  return pool.subarray(poolOffset - RANDOM_BYTES, poolOffset);
}

/** A UUID version 7: 48 bits of `nowMs`, version 7, variant 10, 74 random bits. */
export function timeOrderedId(nowMs: number = Date.now(), random: Buffer = randomBytesForId()): string {
  if (!Number.isInteger(nowMs) || nowMs < 0 || nowMs >= 2 ** 48) throw new RangeError(`nowMs must be a whole number of milliseconds in [0, 2^48), not ${nowMs}`);
  if (random.length < RANDOM_BYTES) throw new RangeError(`random must hold at least ${RANDOM_BYTES} bytes`);
  const bytes = Buffer.allocUnsafe(16);
  bytes.writeUIntBE(nowMs, 0, 6);
  random.copy(bytes, 6, 0, RANDOM_BYTES);
  bytes[6] = (bytes[6] & 0x0f) | 0x70;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
