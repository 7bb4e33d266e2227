import type { QueryRunner } from 'typeorm';

/**
 * The few DDL words SQLite and PostgreSQL spell differently; migrations use these and standard SQL
 * for the rest, so the same migration runs on both.
 */
export function ddl(runner: QueryRunner): { autoId: string; float: string } {
  const postgres = runner.connection.options.type === 'postgres';
  return {
    /** A global, strictly increasing, never reused integer key. */
    autoId: postgres ? 'BIGSERIAL PRIMARY KEY' : 'INTEGER PRIMARY KEY AUTOINCREMENT',
    float: postgres ? 'DOUBLE PRECISION' : 'REAL',
  };
}
