/**
 * `compileSegmentToSql()`: a filter as parameterised PostgreSQL over the documented layout
 * (`segmentSqlSchema()`). No value is ever interpolated: operands, `now`-derived bounds and the time
 * zone (`AT TIME ZONE $n`) are all parameters. The result returns the same ids as `compileSegment()`;
 * property tests on embedded PostgreSQL check it.
 */
import { compileConditionToSql, type SqlLeafContext } from './compile-condition-to-sql.js';
import { type CompileSegmentOptions, prepareSegment } from './compile-segment.js';
import { withExclusions } from './default-exclusions.js';
import type { SegmentNode } from './segment-filter-types.js';
import type { SqlStatement } from './sql-inserts.js';
import { SqlParameters } from './sql-parameters.js';
import { quoteTables, type SegmentSqlTables } from './sql-schema.js';

/** Options of `compileSegmentToSql()`. */
export interface CompileSegmentToSqlOptions extends CompileSegmentOptions {
  /** Table names of the layout. Default `defaultSegmentSqlTables`. */
  tables?: Partial<SegmentSqlTables>;
  /** `ids` (default): `SELECT c.id ... ORDER BY c.id`; `count`: `SELECT count(*)::int AS count`. */
  select?: 'ids' | 'count';
}

/** A compiled query. */
export interface CompiledSegmentSql extends SqlStatement {
  /** The boolean condition alone (contacts aliased `c`), for composing into other queries. */
  where: string;
}

function nodeToSql(node: SegmentNode, path: (string | number)[], context: SqlLeafContext): string {
  if ('and' in node) {
    if (node.and.length === 0) return 'TRUE';
    return `(${node.and.map((child, index) => nodeToSql(child, [...path, 'and', index], context)).join(' AND ')})`;
  }
  if ('or' in node) {
    if (node.or.length === 0) return 'FALSE';
    return `(${node.or.map((child, index) => nodeToSql(child, [...path, 'or', index], context)).join(' OR ')})`;
  }
  if ('not' in node) return `(NOT COALESCE(${nodeToSql(node.not, [...path, 'not'], context)}, FALSE))`;
  return compileConditionToSql(node, context, path);
}

/** Compiles a filter (plus the exclusion policy) to a parameterised PostgreSQL query. */
export function compileSegmentToSql(
  filter: unknown,
  options: CompileSegmentToSqlOptions,
): CompiledSegmentSql {
  const tables = quoteTables(options.tables);
  const prepared = prepareSegment(filter, options);
  const full = withExclusions(prepared.filter, options.exclusions);
  const parameters = new SqlParameters();
  const where = nodeToSql(full.where, ['where'], { parameters, tables, evaluation: prepared.context });
  const text =
    options.select === 'count'
      ? `SELECT count(*)::int AS count FROM ${tables.contacts} AS c WHERE ${where}`
      : `SELECT c.id FROM ${tables.contacts} AS c WHERE ${where} ORDER BY c.id`;
  return { text, values: parameters.values, where };
}
