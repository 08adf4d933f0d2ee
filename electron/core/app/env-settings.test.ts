import { describe, expect, it } from 'vitest';
import { nhtsaSettingsFromEnv, vpicSettingsFromEnv } from './env-settings';

describe('vpicSettingsFromEnv', () => {
  it('reads the vPIC URL and client options', () => {
    expect(
      vpicSettingsFromEnv({ FLEET_VPIC_URL: 'http://127.0.0.1:9/api', FLEET_VPIC_OPTIONS: '{"retries":1,"breaker":{"failureThreshold":2}}' }),
    ).toEqual({ vpicUrl: 'http://127.0.0.1:9/api', vpicOptions: { retries: 1, breaker: { failureThreshold: 2 } } });
    expect(vpicSettingsFromEnv({})).toEqual({});
  });

  it('names the variable when a value is wrong', () => {
    expect(() => vpicSettingsFromEnv({ FLEET_VPIC_URL: 'file:///etc/passwd' })).toThrow(/FLEET_VPIC_URL/);
    expect(() => vpicSettingsFromEnv({ FLEET_VPIC_OPTIONS: '{' })).toThrow(/FLEET_VPIC_OPTIONS is not valid JSON/);
    expect(() => vpicSettingsFromEnv({ FLEET_VPIC_OPTIONS: '{"retries":-1}' })).toThrow(/retries/);
    expect(() => vpicSettingsFromEnv({ FLEET_VPIC_OPTIONS: '{"evil":true}' })).toThrow(/FLEET_VPIC_OPTIONS/);
  });
});

describe('nhtsaSettingsFromEnv', () => {
  it('reads the NHTSA API URL and the recalls age in days', () => {
    expect(nhtsaSettingsFromEnv({ FLEET_NHTSA_API_URL: 'http://127.0.0.1:9', FLEET_RECALLS_MAX_AGE_DAYS: '2' })).toEqual({
      nhtsaApiUrl: 'http://127.0.0.1:9',
      recallsMaxAgeMs: 2 * 24 * 60 * 60 * 1000,
    });
    expect(nhtsaSettingsFromEnv({})).toEqual({});
  });

  it('names the variable when a value is wrong', () => {
    expect(() => nhtsaSettingsFromEnv({ FLEET_NHTSA_API_URL: 'file:///etc/passwd' })).toThrow(/FLEET_NHTSA_API_URL/);
    expect(() => nhtsaSettingsFromEnv({ FLEET_RECALLS_MAX_AGE_DAYS: 'soon' })).toThrow(/FLEET_RECALLS_MAX_AGE_DAYS/);
  });
});
