import { describe, expect, it } from 'vitest';
import { vpicSettingsFromEnv } from './env-settings';

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
