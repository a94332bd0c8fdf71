import type { TestProject } from 'vitest/node';
import { type PostgresConnection, startPostgresServer } from './postgres-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's PostgreSQL server; test files take a fresh database of it with `postgresDatabase()`. */
    postgres: PostgresConnection;
  }
}

/** One PostgreSQL server for the whole `vitest` run, stopped when the run ends. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { stop, ...connection } = await startPostgresServer();
  project.provide('postgres', connection);
  return stop;
}
