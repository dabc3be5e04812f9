/**
 * Collects `$n` parameters while a statement with optional conditions is assembled, so
 * that values never end up in the SQL text.
 *
 *     const params = new SqlParameters();
 *     const where = [`stream_id = ${params.add(streamId)}`];
 *     client.query(`SELECT … WHERE ${where.join(' AND ')}`, params.values);
 */
export class SqlParameters {
  readonly values: unknown[] = [];

  /** Adds a value; returns its placeholder. */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}
