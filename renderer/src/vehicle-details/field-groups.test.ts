import { describe, expect, it } from 'vitest';
import { groupFields, offlineGaps } from './field-groups';

describe('field groups of a raw vPIC record', () => {
  it('shows neither "" nor "Not Applicable" (the raw record keeps both as vPIC sent them)', () => {
    const groups = groupFields({ VIN: 'X', Make: 'PETERBILT', BusType: 'Not Applicable', Trim: '', Model: '388' });
    const shown = groups.flatMap((g) => g.fields.map((f) => f.field));
    expect(shown).toEqual(['Make', 'Model']);
  });

  it("names the fleet fields an offline record's snapshot could not provide, counts the others, and hides the list itself", () => {
    const raw = {
      Make: 'PETERBILT',
      DriveType: '',
      Trim: '',
      EngineHP: '',
      ABS: '',
      Series: 'X',
      OfflineMissingFields: 'DriveType,EngineHP,ABS,Series',
    };
    // Drive type is a fleet column; engine HP and ABS are other vPIC fields; Series has a value here.
    expect(offlineGaps(raw)).toEqual({ fleetFields: ['Drive Type'], otherCount: 2 });
    expect(groupFields(raw).flatMap((g) => g.fields.map((f) => f.field))).not.toContain('OfflineMissingFields');
    expect(offlineGaps({ Make: 'PETERBILT' })).toBeNull();
  });
});
