import { describe, expect, it } from 'vitest';
import { groupFields, offlineMissingLabels } from './field-groups';

describe('field groups of a raw vPIC record', () => {
  it('shows neither "" nor "Not Applicable" (the raw record keeps both as vPIC sent them)', () => {
    const groups = groupFields({ VIN: 'X', Make: 'PETERBILT', BusType: 'Not Applicable', Trim: '', Model: '388' });
    const shown = groups.flatMap((g) => g.fields.map((f) => f.field));
    expect(shown).toEqual(['Make', 'Model']);
  });

  it("lists the vehicle and engine fields an offline record's snapshot could not provide, and hides the list itself", () => {
    const raw = {
      Make: 'PETERBILT',
      DriveType: '',
      Trim: '',
      EngineHP: '',
      ABS: '',
      Series: 'X',
      OfflineMissingFields: 'DriveType,EngineHP,ABS,Series',
    };
    // ABS is a safety field (not a fleet one); Series has a value here.
    expect(offlineMissingLabels(raw)).toEqual(['Drive Type', 'Engine HP']);
    expect(groupFields(raw).flatMap((g) => g.fields.map((f) => f.field))).not.toContain('OfflineMissingFields');
    expect(offlineMissingLabels({ Make: 'PETERBILT' })).toEqual([]);
  });
});
