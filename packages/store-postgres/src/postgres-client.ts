/** Result rows of a query. */
export interface SqlResult {
  rows: unknown[];
}

/**
 * What the stores need from a database client: `query(text, params)` resolving to `{rows}`. A `pg`
 * Pool, a connected `pg` Client and a PGlite instance all satisfy it.
 */
export interface SqlClient {
  query(text: string, params?: unknown[]): Promise<SqlResult>;
}

/** A pooled connection (`pg` PoolClient). */
export interface SqlConnection extends SqlClient {
  release(error?: Error | boolean): void;
}

/** A client that hands out dedicated connections, like a `pg` Pool. */
export interface SqlPool extends SqlClient {
  connect(): Promise<SqlConnection>;
  readonly idleCount: number;
}

function isPool(client: SqlClient): client is SqlPool {
  const candidate = client as Partial<SqlPool>;
  return typeof candidate.connect === 'function' && typeof candidate.idleCount === 'number';
}

/**
 * Runs `work` on one connection: a dedicated pool connection for a `pg` Pool, otherwise the client
 * itself (a `pg` Client or PGlite is a single connection).
 */
export async function withConnection<T>(
  client: SqlClient,
  work: (connection: SqlClient) => Promise<T>,
): Promise<T> {
  if (!isPool(client)) return work(client);
  const connection = await client.connect();
  let failed: unknown;
  try {
    return await work(connection);
  } catch (error) {
    failed = error;
    throw error;
  } finally {
    connection.release(failed instanceof Error ? failed : undefined);
  }
}
