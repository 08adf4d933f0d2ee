/**
 * The `vehicles` columns the fleet search looks in (the trigram index of migration 7).
 *
 * Decode fields a user names a vehicle by, and the standard fleet fields: a search for
 * `toyota camry 2015 north` finds the vehicle whose make, model, year and department say so.
 */
export const SEARCH_COLUMNS: readonly string[] = [
  'vin',
  'make',
  'model',
  'model_year',
  'body_class',
  'vehicle_type',
  'unit_number',
  'plate',
  'plate_region',
  'department',
  'driver',
  'notes',
];
