/**
 * vPIC's ~140 fields, grouped the way a fleet person reads them.
 *
 * Only non-empty fields are shown; a field goes to the first group whose rule matches, the rest
 * to "Other". Names are vPIC's own (DecodeVinValues output), split into words for display.
 */
import { OFFLINE_MISSING_FIELDS } from '../../../shared/vehicle';

export type FieldGroupName = 'Vehicle' | 'Engine' | 'Safety' | 'Plant' | 'Errors' | 'Other';

export const FIELD_GROUP_ORDER: readonly FieldGroupName[] = ['Vehicle', 'Engine', 'Safety', 'Plant', 'Errors', 'Other'];

const RULES: readonly (readonly [FieldGroupName, RegExp])[] = [
  ['Errors', /^(ErrorCode|ErrorText|AdditionalErrorText|PossibleValues|SuggestedVIN)$/],
  ['Plant', /^Plant/],
  [
    'Engine',
    /^(Engine|Displacement|Fuel|Turbo|ValveTrain|Electrification|Battery|Charger|EVDriveUnit|Transmission|CoolingType|OtherEngineInfo|TopSpeed)/,
  ],
  [
    'Safety',
    /(AirBag|ABS|ESC|TractionControl|SeatBelt|Pretensioner|TPMS|BlindSpot|Collision|Lane|RearVisibility|ParkAssist|CIB|DynamicBrake|Pedestrian|AutoReverse|DaytimeRunning|Headlamp|Headlight|DrivingBeam|CruiseControl|CrossTraffic|AutomaticEmergency|ActiveSafety|SAEAutomation|DriverAssist|KeylessIgnition|EDR|CAN_AACN|OtherRestraint)/,
  ],
  [
    'Vehicle',
    /^(Make|MakeID|Manufacturer|ManufacturerId|Model|ModelID|ModelYear|Series|Series2|Trim|Trim2|BodyClass|BodyCabType|VehicleType|Doors|Windows|Seats|SeatRows|GVWR|GVWR_to|GCWR|GCWR_to|DriveType|Axles|AxleConfiguration|Wheels|WheelBase|WheelSize|TrackWidth|BrakeSystem|CurbWeight|BedLength|BedType|SteeringLocation|Trailer|Bus|Motorcycle|CustomMotorcycle|BasePrice|DestinationMarket|EntertainmentSystem|NCSA)/,
  ],
];

/** Fields shown elsewhere (the header, the offline note) or meaningless to people. */
const HIDDEN = new Set(['VIN', OFFLINE_MISSING_FIELDS]);

/** vPIC's marker for a field that does not exist for this kind of vehicle: nothing to show. */
function isEmptyValue(value: string | null): value is null {
  return value === null || value.trim() === '' || value.trim().toLowerCase() === 'not applicable';
}

export function groupOf(field: string): FieldGroupName {
  for (const [group, rule] of RULES) if (rule.test(field)) return group;
  return 'Other';
}

/** "DisplacementL" → "Displacement L", "GVWR_to" → "GVWR to", "ABS" stays. */
export function fieldLabel(field: string): string {
  return field
    .replace(/_/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .trim();
}

export interface FieldEntry {
  readonly field: string;
  readonly label: string;
  readonly value: string;
}

/** Non-empty fields of a raw vPIC record, grouped in display order (empty groups left out). */
export function groupFields(raw: Readonly<Record<string, string | null>>): { group: FieldGroupName; fields: FieldEntry[] }[] {
  const groups = new Map<FieldGroupName, FieldEntry[]>();
  for (const [field, value] of Object.entries(raw)) {
    if (isEmptyValue(value) || HIDDEN.has(field)) continue;
    const group = groupOf(field);
    const list = groups.get(group) ?? [];
    list.push({ field, label: fieldLabel(field), value });
    groups.set(group, list);
  }
  return FIELD_GROUP_ORDER.filter((g) => groups.has(g)).map((group) => ({ group, fields: groups.get(group) ?? [] }));
}

/** The vPIC fields behind the fleet table's columns: the ones a missing value matters for. */
const FLEET_FIELDS: readonly string[] = [
  'Make', 'Model', 'ModelYear', 'BodyClass', 'Manufacturer', 'Series', 'Trim', 'VehicleType', 'GVWR',
  'DriveType', 'FuelTypePrimary', 'EngineModel', 'EngineCylinders', 'DisplacementL', 'PlantCountry', 'PlantCity',
];

export interface OfflineGaps {
  /** Labels of fleet fields the offline data could not provide (empty in this record). */
  readonly fleetFields: readonly string[];
  /** How many other vPIC fields it could not provide. */
  readonly otherCount: number;
}

/**
 * What an offline record's snapshot could not provide, so the details can say the blank is the
 * snapshot's, not the vehicle's; null when the record names no gaps.
 */
export function offlineGaps(raw: Readonly<Record<string, string | null>>): OfflineGaps | null {
  const listed = (raw[OFFLINE_MISSING_FIELDS] ?? '')
    .split(',')
    .map((f) => f.trim())
    .filter((f) => f !== '' && isEmptyValue(raw[f] ?? null));
  if (listed.length === 0) return null;
  const fleet = listed.filter((f) => FLEET_FIELDS.includes(f));
  return { fleetFields: fleet.map(fieldLabel), otherCount: listed.length - fleet.length };
}
