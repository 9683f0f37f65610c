// PostgreSQL test helpers: a unique schema name per test run and location (so parallel test files and runs
// never share tables), a DATABASE_URL pointing at such a schema for child relays, and dropping it again.

import crypto from 'node:crypto';
import postgres from 'postgres';

/** `slt_t_<purpose>_<pid>_<random>`: unique per call, valid as an unquoted identifier. */
export function pgTestSchema(purpose: string): string {
  return `slt_t_${purpose}_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
}

/** DATABASE_URL with `search_path=<schema>`, the form the relay and the CLI read. */
export function urlWithSchema(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('search_path', schema);
  return u.toString();
}

export async function dropPgSchema(url: string, schema: string): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => undefined });
  try {
    await sql`DROP SCHEMA IF EXISTS ${sql(schema)} CASCADE`;
  } finally {
    await sql.end();
  }
}
