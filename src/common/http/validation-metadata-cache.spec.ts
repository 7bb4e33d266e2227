import { IsInt, IsString, MetadataStorage, Min, getMetadataStorage } from 'class-validator';
import { DomainError } from '../domain/domain-error';
import { LodgeDeclarationDto } from '../../declarations/http/lodge-declaration.dto';
import { validatePlain } from './validation';
import { cacheValidationMetadata } from './validation-metadata-cache';

class Base {
  @IsString()
  name!: string;
}

class Derived extends Base {
  @IsInt()
  @Min(1)
  count!: number;
}

/** The library's own lookup, without the cache (the cache replaces the instance's method only). */
const uncached = (target: new () => unknown) => MetadataStorage.prototype.getTargetValidationMetadatas.call(getMetadataStorage(), target, '', false, false, undefined);
const cached = (target: new () => unknown) => getMetadataStorage().getTargetValidationMetadatas(target, '', false, false, undefined);
const properties = (metadatas: Array<{ propertyName: string }>) => [...new Set(metadatas.map((m) => m.propertyName))].sort();

async function problems(cls: new () => object, plain: unknown) {
  try {
    await validatePlain(cls, plain);
    return [];
  } catch (error) {
    if (error instanceof DomainError) return error.errors;
    throw error;
  }
}

describe('cacheValidationMetadata', () => {
  it('is installed by the validation module and answers what class-validator answers, inherited rules included', () => {
    for (const target of [Base, Derived, LodgeDeclarationDto]) {
      expect(cached(target)).toEqual(uncached(target));
      // The second lookup is the remembered one.
      expect(cached(target)).toBe(cached(target));
    }
    expect(properties(cached(Derived))).toEqual(['count', 'name']);
  });

  it('forgets what it remembered when a rule is registered later', async () => {
    class Late {
      @IsString()
      first!: string;
    }
    expect(properties(cached(Late))).toEqual(['first']);
    expect(await problems(Late, { first: 'a', second: 2 })).toEqual([{ path: 'second', message: 'property should not exist' }]);

    IsInt()(Late.prototype, 'second');

    expect(properties(cached(Late))).toEqual(['first', 'second']);
    expect(await problems(Late, { first: 'a', second: 'b' })).toEqual([{ path: 'second', message: 'must be an integer number' }]);
  });

  it('validates inherited rules through the cache', async () => {
    expect(await problems(Derived, { name: 'x', count: 0 })).toEqual([{ path: 'count', message: 'must not be less than 1' }]);
    expect(await problems(Derived, { count: 2 })).toEqual([{ path: 'name', message: 'is required' }]);
  });

  it('installs once per storage', () => {
    const storage = getMetadataStorage();
    const lookup = storage.getTargetValidationMetadatas;
    cacheValidationMetadata(storage);
    expect(storage.getTargetValidationMetadatas).toBe(lookup);
  });
});
