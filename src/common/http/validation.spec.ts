import { Type } from 'class-transformer';
import { IsArray, IsInt, IsString, Matches, Min, ValidateNested } from 'class-validator';
import { DomainError } from '../domain/domain-error';
import { validatePlain } from './validation';

class Line {
  @Matches(/^\d{10}$/, { message: 'must be the 10-digit CodeTS' })
  hsCode!: string;

  @IsInt()
  @Min(0)
  valueMinor!: number;
}

class Body {
  @IsString()
  name!: string;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => Line)
  lines!: Line[];
}

async function problems(plain: unknown) {
  try {
    await validatePlain(Body, plain);
  } catch (error) {
    if (error instanceof DomainError) return error.errors;
    throw error;
  }
  return [];
}

describe('validatePlain', () => {
  it('returns the instance when the data is valid', async () => {
    await expect(validatePlain(Body, { name: 'x', lines: [{ hsCode: '0806100000', valueMinor: 1 }] })).resolves.toBeInstanceOf(Body);
  });

  it('names nested fields with array indices, without repeating the property name', async () => {
    expect(await problems({ name: 'x', lines: [{ hsCode: '0806100000', valueMinor: 1 }, { hsCode: '08', valueMinor: 1.5 }] })).toEqual([
      { path: 'lines[1].hsCode', message: 'must be the 10-digit CodeTS' },
      { path: 'lines[1].valueMinor', message: 'must be an integer number' },
    ]);
  });

  it('says a missing field is required', async () => {
    expect(await problems({ lines: [{ hsCode: '0806100000' }] })).toEqual([
      { path: 'name', message: 'is required' },
      { path: 'lines[0].valueMinor', message: 'is required' },
    ]);
  });

  it('names unknown fields', async () => {
    expect(await problems({ name: 'x', lines: [{ hsCode: '0806100000', valueMinor: 1, colour: 'red' }], extra: 1 })).toEqual([
      { path: 'extra', message: 'property should not exist' },
      { path: 'lines[0].colour', message: 'property should not exist' },
    ]);
  });

  it('says when a nested value is not an object', async () => {
    expect(await problems({ name: 'x', lines: [7] })).toEqual([{ path: 'lines[0]', message: 'must be an object' }]);
  });

  it('refuses data that is not an object', async () => {
    expect(await problems([1])).toEqual([{ path: '', message: 'must be a JSON object' }]);
  });
});
