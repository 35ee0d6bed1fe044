/** Own-key-only property access: inherited keys (`__proto__`, `constructor`, ...) are never read. */

const hasOwn = Object.prototype.hasOwnProperty;

/** `object[key]` when `key` is an own property of a non-null object, otherwise `undefined`. */
export function own(object: unknown, key: string): unknown {
  if (typeof object !== 'object' || object === null) return undefined;
  const value = (object as Record<string, unknown>)[key];
  return value !== undefined && hasOwn.call(object, key) ? value : undefined;
}

/** Own enumerable string-keyed entries of a plain object (empty for anything else). */
export function ownEntries(object: unknown): [string, unknown][] {
  if (typeof object !== 'object' || object === null || Array.isArray(object)) return [];
  return Object.entries(object);
}

/** The array itself when `value` is an array, otherwise an empty array. */
export function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}
