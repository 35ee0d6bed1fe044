import { redactValue } from '@omnicast/core';

/** Log levels, lowest first. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** A structured logger: one JSON object per line. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const rank: Record<LogLevel | 'silent', number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  level: LogLevel | 'silent';
  /** Where lines go (default stdout). */
  write?: (line: string) => void;
  /** Secret values that must never be logged. */
  secrets?: readonly string[];
  now?: () => Date;
}

/** Creates a JSON-lines logger that redacts known secrets from every field. */
export function createLogger(options: LoggerOptions): Logger {
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const secrets = options.secrets ?? [];
  const now = options.now ?? (() => new Date());
  const log =
    (level: LogLevel) =>
    (message: string, fields: Record<string, unknown> = {}) => {
      if (rank[level] < rank[options.level]) return;
      const line = {
        time: now().toISOString(),
        level,
        message,
        ...(redactValue(fields, secrets) as Record<string, unknown>),
      };
      write(JSON.stringify(line));
    };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}
