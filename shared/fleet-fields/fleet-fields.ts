/**
 * The standard fleet fields every fleet tool keeps next to the VIN, and the header names that
 * mean each of them.
 *
 * Fleet files name their columns in the office's language and habits (`Unit #`, `Fleet No`,
 * `Einheit`, `Kennzeichen`, `immatriculation`, `matrícula`…). Matching a header against these
 * synonyms lets files from different sources land in the same stored column, so one sortable
 * "Unit number" exists instead of `Unit` and `unit_number` side by side. Everything that matches
 * no field stays a custom field under the file's own header.
 */

export const FLEET_FIELD_KEYS = [
  'unitNumber',
  'plate',
  'plateRegion',
  'department',
  'driver',
  'odometer',
  'inServiceDate',
  'notes',
] as const;

export type FleetFieldKey = (typeof FLEET_FIELD_KEYS)[number];

/** How a field's values are stored and exported. */
export type FleetFieldType = 'text' | 'integer' | 'date';

export interface FleetFieldDefinition {
  readonly key: FleetFieldKey;
  /** The `vehicles` column (snake_case, as exports name it). */
  readonly column: string;
  /** What the table and the mapping dialog show. */
  readonly label: string;
  readonly type: FleetFieldType;
  /** Header names meaning this field, in English, German, French, Spanish, Italian, Dutch, Polish. */
  readonly synonyms: readonly string[];
}

/** `as const`: the stored row types are derived from each field's column name and type (shared/vehicles/vehicle-columns.ts). */
export const FLEET_FIELDS = [
  {
    key: 'unitNumber',
    column: 'unit_number',
    label: 'Unit number',
    type: 'text',
    synonyms: [
      'unit', 'unit number', 'unit no', 'unit #', 'unit id', 'unit_number', 'fleet number', 'fleet no', 'fleet #',
      'fleet id', 'asset', 'asset number', 'asset no', 'asset id', 'asset tag', 'vehicle number', 'vehicle no',
      'vehicle id', 'truck number', 'truck no', 'truck #', 'equipment number', 'equipment id',
      'einheit', 'einheitsnummer', 'fahrzeugnummer', 'fahrzeug nr', 'flottennummer', 'inventarnummer',
      'numéro de parc', 'numero de parc', 'n° de parc', 'parc', 'numéro d\'unité', 'unité',
      'número de unidad', 'unidad', 'número de flota', 'numero interno',
      'numero unità', 'unità', 'numero flotta', 'matricola interna',
      'eenheid', 'voertuignummer', 'wagennummer', 'vlootnummer',
      'numer jednostki', 'numer floty', 'numer pojazdu', 'numer boczny',
    ],
  },
  {
    key: 'plate',
    column: 'plate',
    label: 'Plate',
    type: 'text',
    synonyms: [
      'plate', 'plate number', 'plate no', 'plate #', 'license plate', 'licence plate', 'license', 'licence',
      'license number', 'licence number', 'license plate number', 'registration', 'registration number', 'reg',
      'reg no', 'registration plate', 'tag', 'tag number', 'plates',
      'kennzeichen', 'amtliches kennzeichen', 'kfz kennzeichen', 'nummernschild',
      'immatriculation', 'plaque', 'plaque d\'immatriculation', 'numéro d\'immatriculation',
      'matrícula', 'matricula', 'placa', 'patente',
      'targa', 'numero di targa',
      'kenteken', 'nummerplaat',
      'numer rejestracyjny', 'nr rejestracyjny', 'rejestracja', 'tablica rejestracyjna',
    ],
  },
  {
    key: 'plateRegion',
    column: 'plate_region',
    label: 'Plate state/region',
    type: 'text',
    synonyms: [
      'plate state', 'plate region', 'plate province', 'plate country', 'license state', 'licence state',
      'registration state', 'registration country', 'tag state', 'state', 'province', 'region',
      'zulassungsland', 'bundesland', 'zulassungsbezirk',
      'pays d\'immatriculation', 'région', 'département d\'immatriculation',
      'estado de la matrícula', 'provincia', 'país de matrícula',
      'provincia di immatricolazione', 'paese di immatricolazione',
      'land van registratie', 'provincie',
      'województwo', 'kraj rejestracji',
    ],
  },
  {
    key: 'department',
    column: 'department',
    label: 'Department',
    type: 'text',
    synonyms: [
      'department', 'dept', 'division', 'group', 'fleet group', 'cost center', 'cost centre', 'business unit',
      'branch', 'depot', 'location', 'team',
      'abteilung', 'kostenstelle', 'bereich', 'niederlassung', 'gruppe', 'standort',
      'service', 'département', 'departement', 'groupe', 'centre de coût', 'agence',
      'departamento', 'grupo', 'centro de coste', 'sucursal',
      'reparto', 'dipartimento', 'gruppo', 'centro di costo', 'filiale',
      'afdeling', 'groep', 'kostenplaats', 'vestiging',
      'dział', 'oddział', 'grupa', 'centrum kosztów',
    ],
  },
  {
    key: 'driver',
    column: 'driver',
    label: 'Driver',
    type: 'text',
    synonyms: [
      'driver', 'driver name', 'assigned driver', 'operator', 'assigned to', 'user',
      'fahrer', 'fahrername', 'nutzer', 'fahrzeugführer',
      'conducteur', 'chauffeur', 'utilisateur',
      'conductor', 'chofer', 'usuario',
      'autista', 'conducente', 'guidatore',
      'bestuurder',
      'kierowca', 'użytkownik',
    ],
  },
  {
    key: 'odometer',
    column: 'odometer',
    label: 'Odometer',
    type: 'integer',
    synonyms: [
      'odometer', 'odometer reading', 'mileage', 'miles', 'kilometers', 'kilometres', 'km', 'odo', 'meter',
      'kilometerstand', 'km stand', 'laufleistung', 'tachostand',
      'kilométrage', 'kilometrage', 'compteur',
      'kilometraje', 'odómetro', 'odometro',
      'chilometraggio', 'contachilometri',
      'kilometerstand', 'tellerstand',
      'przebieg', 'licznik',
    ],
  },
  {
    key: 'inServiceDate',
    column: 'in_service_date',
    label: 'In-service date',
    type: 'date',
    synonyms: [
      'in service date', 'in-service date', 'in service', 'service date', 'start date', 'acquired', 'acquisition date',
      'purchase date', 'delivery date', 'registration date', 'first registration',
      'inbetriebnahme', 'inbetriebnahmedatum', 'erstzulassung', 'zulassungsdatum', 'anschaffungsdatum',
      'date de mise en service', 'mise en service', 'date d\'acquisition', 'première immatriculation',
      'fecha de alta', 'fecha de puesta en servicio', 'fecha de matriculación', 'fecha de compra',
      'data di immatricolazione', 'data di messa in servizio', 'data di acquisto',
      'datum in gebruik', 'ingebruikname', 'datum eerste toelating',
      'data rejestracji', 'data pierwszej rejestracji', 'data zakupu',
    ],
  },
  {
    key: 'notes',
    column: 'notes',
    label: 'Notes',
    type: 'text',
    synonyms: [
      'notes', 'note', 'comments', 'comment', 'remarks', 'remark', 'description',
      'notizen', 'notiz', 'bemerkung', 'bemerkungen', 'kommentar', 'anmerkungen',
      'remarques', 'remarque', 'commentaire', 'commentaires',
      'notas', 'nota', 'comentarios', 'observaciones',
      'note', 'commenti', 'osservazioni',
      'opmerkingen', 'opmerking', 'notities',
      'uwagi', 'notatki', 'komentarz',
    ],
  },
] as const satisfies readonly FleetFieldDefinition[];

/**
 * Header names meaning "VIN" (the field every import needs), in the same languages.
 */
export const VIN_SYNONYMS: readonly string[] = [
  'vin', 'vins', 'vin number', 'vin no', 'vin #', 'vin num', 'vin nr', 'vin code', 'vehicle vin',
  'vehicle identification number', 'vehicle identification no', 'vehicle identification', 'chassis number', 'chassis no',
  'fahrgestellnummer', 'fahrzeug-identifizierungsnummer', 'fahrzeugidentifizierungsnummer', 'fin', 'fg nr', 'fgnr',
  'châssis', 'numéro de châssis', 'numéro de série', 'numero de chassis', 'niv', 'numéro vin',
  'bastidor', 'número de bastidor', 'numero de bastidor', 'número vin', 'número de chasis', 'chasis',
  'telaio', 'numero di telaio', 'numero telaio',
  'chassisnummer', 'chassisnr', 'voertuigidentificatienummer',
  'numer vin', 'numer nadwozia', 'nr nadwozia', 'numer identyfikacyjny pojazdu',
];

/**
 * A header reduced to what tells names apart: lowercase, accents dropped, `#`/`№`/`°` read as
 * "number", everything but letters and digits removed (`Unit #` → `unitnumber`, `châssis` →
 * `chassis`, `Fleet No.` → `fleetno`).
 */
export function normalizeFieldHeader(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[#№°]/g, ' number ')
    .replace(/ł/g, 'l')
    .replace(/[^a-z0-9]+/g, '')
    .replace(/(?:no|nr|num)$/, 'number');
}

const BY_SYNONYM: ReadonlyMap<string, FleetFieldKey> = (() => {
  const map = new Map<string, FleetFieldKey>();
  for (const field of FLEET_FIELDS) {
    for (const name of [field.key, field.column, field.label, ...field.synonyms]) {
      const normalized = normalizeFieldHeader(name);
      // First definition wins: a name listed under two fields goes to the more specific, earlier one.
      if (normalized !== '' && !map.has(normalized)) map.set(normalized, field.key);
    }
  }
  return map;
})();

const VIN_NAMES: ReadonlySet<string> = new Set(VIN_SYNONYMS.map(normalizeFieldHeader));

/** The standard field a header means, or null for a custom field. */
export function fleetFieldForHeader(header: string): FleetFieldKey | null {
  return BY_SYNONYM.get(normalizeFieldHeader(header)) ?? null;
}

/** True when a header names the VIN column in any of the known languages. */
export function isVinSynonym(header: string): boolean {
  return VIN_NAMES.has(normalizeFieldHeader(header));
}

export function fleetField(key: FleetFieldKey): FleetFieldDefinition {
  const field = FLEET_FIELDS.find((f) => f.key === key);
  if (field === undefined) throw new Error(`Unknown fleet field: ${String(key)}`);
  return field;
}

/** Values of the standard fields, as text the way the file had them. */
export type FleetFieldValues = Partial<Record<FleetFieldKey, string>>;

export interface RoutedAttributes {
  /** Values of standard fields (the first non-empty column wins when two headers mean one field). */
  readonly fields: FleetFieldValues;
  /** The header each field's value came from. */
  readonly headers: Partial<Record<FleetFieldKey, string>>;
  /** Every other column, under the file's own header. */
  readonly custom: Record<string, string>;
}

/**
 * Split a row's columns (header → value) into standard fields and custom fields by the synonyms.
 *
 * A file mapping is applied before this (see `applyColumnMapping`), which renames a column the
 * user assigned to a field to that field's key, so the same routing serves both.
 */
export function routeAttributes(attributes: Readonly<Record<string, string>>): RoutedAttributes {
  const fields: FleetFieldValues = {};
  const headers: Partial<Record<FleetFieldKey, string>> = {};
  // No prototype: a header named `__proto__` (or `constructor`) is a custom field like any other.
  const custom: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const header of Object.keys(attributes)) {
    const value = attributes[header]!;
    const key = fleetFieldForHeader(header);
    if (key === null) custom[header] = value;
    else if (fields[key] === undefined || fields[key] === '') {
      fields[key] = value;
      headers[key] = header;
    } else custom[header] = value;
  }
  return { fields, headers, custom };
}
