// What every seed file and every sourced row share, and the few validators class-validator lacks.
// The per-file schemas (*.seed.ts) build on these; load-reference-data.ts runs them.

import { IsBoolean, IsNotEmpty, IsString, ValidateBy, ValidateIf, ValidationOptions } from 'class-validator';
import type { Sourced } from '../domain/reference-data';

/** A row with its provenance. Whether `assumption` matches the source text is a cross-file check. */
export class SourcedSeed implements Sourced {
  @IsString()
  @IsNotEmpty()
  source!: string;

  @IsBoolean()
  assumption!: boolean;
}

/** The envelope of every seed file: `{ description, source, items }`; each subclass adds its typed `items`. */
export abstract class SeedFile {
  @IsString()
  @IsNotEmpty()
  description!: string;

  @IsString()
  @IsNotEmpty()
  source!: string;
}

/** Lets `null` through (the field is then valid) but still validates a missing field. */
export function NullOr(): PropertyDecorator {
  return ValidateIf((_object, value) => value !== null);
}

/** A plain object whose values are all finite numbers, e.g. reform parameters. */
export function IsNumberRecord(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isNumberRecord',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'number' && Number.isFinite(v)),
        defaultMessage: () => 'must be an object whose values are numbers',
      },
    },
    options,
  );
}

/** The number is at least the sibling property `other` (e.g. a triangular mode >= its min). */
export function IsAtLeastSibling(other: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isAtLeastSibling',
      constraints: [other],
      validator: {
        validate: (value: unknown, args) => {
          const bound = (args?.object as Record<string, unknown>)[other];
          return typeof value !== 'number' || typeof bound !== 'number' || value >= bound;
        },
        defaultMessage: () => `must be at least ${other}`,
      },
    },
    options,
  );
}

/** "HH:MM", 00:00 to 24:00 (24:00 closes at midnight). */
export const HH_MM = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

/** "MM-DD" for yearly closures. */
export const MM_DD = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Lower-case words joined by hyphens, the form of every swsim id. */
export const KEBAB_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** ISO 4217 or ISO 3166 alpha-3 code. */
export const ALPHA_3 = /^[A-Z]{3}$/;
