import { isUUID } from 'class-validator';
import { timeOrderedId } from './time-ordered-id';

describe('timeOrderedId', () => {
  it('is a version 7, variant 10 UUID that carries the time in its first 48 bits (RFC 9562 test vector)', () => {
    // RFC 9562 Appendix A.6: 2022-02-22 19:22:22 UTC, with its random bits.
    const random = Buffer.from('0cc3' + '18c4dc0c0c07398f', 'hex');
    expect(timeOrderedId(0x017f22e279b0, random)).toBe('017f22e2-79b0-7cc3-98c4-dc0c0c07398f');
    const id = timeOrderedId();
    expect(isUUID(id, 'all')).toBe(true);
    expect(id[14]).toBe('7');
    expect('89ab').toContain(id[19]);
  });

  it('never repeats, across refills of its pool of random bytes', () => {
    const ids = Array.from({ length: 2000 }, () => timeOrderedId(1_700_000_000_000));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('sorts by time, and differs within one millisecond', () => {
    const ids = [1_700_000_000_000, 1_700_000_000_001, 1_800_000_000_000].map((ms) => timeOrderedId(ms));
    expect([...ids].sort()).toEqual(ids);
    expect(timeOrderedId(1_700_000_000_000)).not.toBe(timeOrderedId(1_700_000_000_000));
  });

  it('refuses a time it cannot hold', () => {
    expect(() => timeOrderedId(-1)).toThrow(RangeError);
    expect(() => timeOrderedId(2 ** 48)).toThrow(RangeError);
    expect(() => timeOrderedId(1.5)).toThrow(RangeError);
  });
});
