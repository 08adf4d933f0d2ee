/**
 * Settings an administrator (or the e2e suite) can give the app through its environment.
 *
 * FLEET_VPIC_URL points at another vPIC; FLEET_VPIC_OPTIONS is a JSON object of vPIC client
 * settings (concurrency, ratePerSecond, timeoutMs, retries, …). Both are validated: a bad value
 * stops the start with a message naming the variable, rather than being half-applied.
 * FLEET_NHTSA_API_URL points the recalls client at another NHTSA API; FLEET_RECALLS_MAX_AGE_DAYS
 * says how old a cached recalls answer may be before it is fetched again.
 */
import { z } from 'zod';
import type { AppContextOptions } from './app-context';

const vpicOptionsSchema = z
  .object({
    concurrency: z.number().int().min(1).max(10).optional(),
    ratePerSecond: z.number().min(0.1).max(100).optional(),
    timeoutMs: z.number().int().min(100).max(120_000).optional(),
    retries: z.number().int().min(0).max(10).optional(),
    retryMinDelayMs: z.number().int().min(0).max(60_000).optional(),
    retryMaxDelayMs: z.number().int().min(0).max(600_000).optional(),
    retryAfterMaxMs: z.number().int().min(0).max(600_000).optional(),
    breaker: z
      .object({
        failureThreshold: z.number().int().min(1).max(100).optional(),
        resetTimeoutMs: z.number().int().min(100).max(3_600_000).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export function vpicSettingsFromEnv(env: NodeJS.ProcessEnv): Pick<AppContextOptions, 'vpicUrl' | 'vpicOptions'> {
  const settings: { vpicUrl?: string; vpicOptions?: AppContextOptions['vpicOptions'] } = {};
  if (env.FLEET_VPIC_URL) {
    const url = z.url({ protocol: /^https?$/ }).safeParse(env.FLEET_VPIC_URL);
    if (!url.success) throw new Error(`FLEET_VPIC_URL is not an http(s) URL: ${env.FLEET_VPIC_URL}`);
    settings.vpicUrl = url.data;
  }
  if (env.FLEET_VPIC_OPTIONS) {
    let json: unknown;
    try {
      json = JSON.parse(env.FLEET_VPIC_OPTIONS);
    } catch {
      throw new Error('FLEET_VPIC_OPTIONS is not valid JSON.');
    }
    const parsed = vpicOptionsSchema.safeParse(json);
    if (!parsed.success) {
      throw new Error(`FLEET_VPIC_OPTIONS is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
    settings.vpicOptions = parsed.data;
  }
  return settings;
}

export function nhtsaSettingsFromEnv(env: NodeJS.ProcessEnv): Pick<AppContextOptions, 'nhtsaApiUrl' | 'recallsMaxAgeMs'> {
  const settings: { nhtsaApiUrl?: string; recallsMaxAgeMs?: number } = {};
  if (env.FLEET_NHTSA_API_URL) {
    const url = z.url({ protocol: /^https?$/ }).safeParse(env.FLEET_NHTSA_API_URL);
    if (!url.success) throw new Error(`FLEET_NHTSA_API_URL is not an http(s) URL: ${env.FLEET_NHTSA_API_URL}`);
    settings.nhtsaApiUrl = url.data;
  }
  if (env.FLEET_RECALLS_MAX_AGE_DAYS) {
    const days = Number(env.FLEET_RECALLS_MAX_AGE_DAYS);
    if (!(days >= 0 && days <= 3650)) throw new Error(`FLEET_RECALLS_MAX_AGE_DAYS must be a number of days from 0 to 3650, not "${env.FLEET_RECALLS_MAX_AGE_DAYS}".`);
    settings.recallsMaxAgeMs = days * 24 * 60 * 60 * 1000;
  }
  return settings;
}
