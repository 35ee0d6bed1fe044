import { formatIssuePath, ValidationError } from '@omnicast/core';
import { z } from 'zod';

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  OMNICAST_MODE: z.enum(['sandbox']).default('sandbox'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  DEFAULT_PHONE_REGION: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 region such as TW')
    .default('TW'),
});

/** The app's configuration, read from environment variables. */
export interface AppConfig {
  port: number;
  host: string;
  mode: 'sandbox';
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  defaultPhoneRegion: string;
}

/** Reads configuration from `env`, listing every bad variable at once. */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): AppConfig {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => ({
      path: issue.path.filter((key): key is string | number => typeof key !== 'symbol'),
      message: issue.message,
      code: issue.code,
    }));
    throw new ValidationError(
      `Invalid configuration (${issues.map((issue) => formatIssuePath(issue.path)).join(', ')})`,
      { issues },
    );
  }
  const data = result.data;
  return {
    port: data.PORT,
    host: data.HOST,
    mode: data.OMNICAST_MODE,
    logLevel: data.LOG_LEVEL,
    defaultPhoneRegion: data.DEFAULT_PHONE_REGION,
  };
}
