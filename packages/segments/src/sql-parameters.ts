/** Collects query parameters: every value reaches PostgreSQL as `$n`, never inside the SQL text. */
export class SqlParameters {
  readonly values: unknown[] = [];

  /** Adds a value and returns its placeholder with a cast, e.g. `$3::text`. */
  add(value: unknown, type: string): string {
    this.values.push(value);
    return `$${this.values.length}::${type}`;
  }
}
