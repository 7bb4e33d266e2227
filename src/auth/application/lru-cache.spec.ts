import { LruCache } from './lru-cache';

describe('LruCache', () => {
  it('evicts the least recently used entry beyond its size', () => {
    const cache = new LruCache<string, number>(2, 1000, () => 0);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([1, undefined, 3]);
  });

  it('forgets entries after their time to live, and on demand', () => {
    let now = 0;
    const cache = new LruCache<string, { keyId: string }>(10, 1000, () => now);
    cache.set('h1', { keyId: 'k1' });
    cache.set('h2', { keyId: 'k2' });
    cache.deleteWhere((v) => v.keyId === 'k2');
    expect(cache.get('h2')).toBeUndefined();
    now = 999;
    expect(cache.get('h1')).toEqual({ keyId: 'k1' });
    now = 1000;
    expect(cache.get('h1')).toBeUndefined();
    expect(cache.size).toBe(0);
  });
});
