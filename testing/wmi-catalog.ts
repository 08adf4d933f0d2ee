/**
 * A small catalog of real World Manufacturer Identifiers and the vehicles behind them.
 *
 * Test-only: the fleet generator draws VINs from it and the vPIC simulator answers with it, so
 * both agree on what a generated VIN "is". WMIs are the first three VIN characters assigned
 * under 49 CFR 565.15(a) (via SAE); makes, manufacturer names and value spellings follow the
 * way vPIC reports them (see ../../shared/vpic-samples), with vPIC's trailing spaces trimmed.
 */

export interface CatalogModel {
  readonly model: string;
  readonly bodyClass: string;
  readonly vehicleType: string;
  readonly series?: string;
  readonly fuelType: string;
  readonly driveType?: string;
  readonly gvwr?: string;
  readonly engineCylinders?: number;
  readonly displacementL?: number;
}

export interface CatalogMaker {
  readonly wmi: string;
  readonly make: string;
  readonly manufacturer: string;
  readonly plantCountry: string;
  readonly models: readonly CatalogModel[];
}

const USA = 'UNITED STATES (USA)';
const TRUCK = 'TRUCK';
const CAR = 'PASSENGER CAR';
const MPV = 'MULTIPURPOSE PASSENGER VEHICLE (MPV)';
const TRACTOR = 'Truck-Tractor';
const CLASS_8 = 'Class 8: 33,001 lb and above (14,969 kg and above)';
const SUV = 'Sport Utility Vehicle (SUV)/Multi-Purpose Vehicle (MPV)';

/** Heavy-duty tractor with a given model name and engine, the common case in trucking fleets. */
function tractor(model: string, displacementL: number, driveType = '6x4', series?: string): CatalogModel {
  return {
    model,
    bodyClass: TRACTOR,
    vehicleType: TRUCK,
    fuelType: 'Diesel',
    driveType,
    gvwr: CLASS_8,
    engineCylinders: 6,
    displacementL,
    ...(series === undefined ? {} : { series }),
  };
}

export const WMI_CATALOG: readonly CatalogMaker[] = [
  // Heavy trucks.
  {
    wmi: '1XP',
    make: 'PETERBILT',
    manufacturer: 'PACCAR INC',
    plantCountry: USA,
    models: [tractor('388', 14.9), tractor('379', 14.6), tractor('579', 12.9), tractor('389', 15.0)],
  },
  {
    wmi: '2NP',
    make: 'PETERBILT',
    manufacturer: 'PACCAR INC',
    plantCountry: 'CANADA',
    models: [tractor('579', 12.9), tractor('567', 12.9)],
  },
  {
    wmi: '1XK',
    make: 'KENWORTH',
    manufacturer: 'PACCAR INC',
    plantCountry: USA,
    models: [tractor('W9 Series', 15.0), tractor('T680', 12.9), tractor('T800', 14.9)],
  },
  {
    wmi: '4V4',
    make: 'VOLVO TRUCK',
    manufacturer: 'VOLVO GROUP NORTH AMERICA, LLC',
    plantCountry: USA,
    models: [tractor('VNL', 12.8), tractor('VNR', 10.8, '4x2')],
  },
  {
    wmi: '1FU',
    make: 'FREIGHTLINER',
    manufacturer: 'DAIMLER TRUCKS NORTH AMERICA LLC',
    plantCountry: USA,
    models: [tractor('Cascadia', 14.8), tractor('Columbia', 14.0), tractor('Coronado', 14.8)],
  },
  {
    wmi: '3AK',
    make: 'FREIGHTLINER',
    manufacturer: 'DAIMLER TRUCKS NORTH AMERICA LLC',
    plantCountry: 'MEXICO',
    models: [tractor('Cascadia', 12.8)],
  },
  {
    wmi: '1M1',
    make: 'MACK',
    manufacturer: 'MACK TRUCKS, INC.',
    plantCountry: USA,
    models: [tractor('Anthem', 12.8), tractor('Pinnacle', 12.8), tractor('Granite', 10.8)],
  },
  {
    wmi: '3HS',
    make: 'INTERNATIONAL',
    manufacturer: 'NAVISTAR, INC.',
    plantCountry: 'MEXICO',
    models: [tractor('ProStar', 12.4), tractor('LT', 12.4)],
  },
  {
    wmi: '1JJ',
    make: 'WABASH',
    manufacturer: 'WABASH NATIONAL CORPORATION',
    plantCountry: USA,
    models: [{ model: 'Dry Van', bodyClass: 'Trailer', vehicleType: 'TRAILER', fuelType: 'Not Applicable' }],
  },
  // Light trucks and vans.
  {
    wmi: '1FT',
    make: 'FORD',
    manufacturer: 'FORD MOTOR COMPANY, USA',
    plantCountry: USA,
    models: [
      {
        model: 'F-150',
        series: 'F-Series',
        bodyClass: 'Pickup',
        vehicleType: TRUCK,
        fuelType: 'Gasoline',
        driveType: '4WD/4-Wheel Drive/4x4',
        gvwr: 'Class 2E: 6,001 - 7,000 lb (2,722 - 3,175 kg)',
        engineCylinders: 6,
        displacementL: 3.5,
      },
      {
        model: 'Transit',
        bodyClass: 'Van',
        vehicleType: TRUCK,
        fuelType: 'Gasoline',
        driveType: 'RWD/Rear-Wheel Drive',
        gvwr: 'Class 2H: 9,001 - 10,000 lb (4,082 - 4,536 kg)',
        engineCylinders: 6,
        displacementL: 3.5,
      },
    ],
  },
  {
    wmi: '1GC',
    make: 'CHEVROLET',
    manufacturer: 'GENERAL MOTORS LLC',
    plantCountry: USA,
    models: [
      {
        model: 'Silverado',
        bodyClass: 'Pickup',
        vehicleType: TRUCK,
        fuelType: 'Gasoline',
        driveType: '4WD/4-Wheel Drive/4x4',
        engineCylinders: 8,
        displacementL: 5.3,
      },
    ],
  },
  {
    wmi: '1GT',
    make: 'GMC',
    manufacturer: 'GENERAL MOTORS LLC',
    plantCountry: USA,
    models: [
      { model: 'Sierra', bodyClass: 'Pickup', vehicleType: TRUCK, fuelType: 'Diesel', engineCylinders: 8, displacementL: 6.6 },
    ],
  },
  {
    wmi: '3C6',
    make: 'RAM',
    manufacturer: 'FCA US LLC',
    plantCountry: 'MEXICO',
    models: [
      { model: '2500', bodyClass: 'Pickup', vehicleType: TRUCK, fuelType: 'Diesel', engineCylinders: 6, displacementL: 6.7 },
      { model: 'ProMaster', bodyClass: 'Van', vehicleType: TRUCK, fuelType: 'Gasoline', engineCylinders: 6, displacementL: 3.6 },
    ],
  },
  // Passenger cars and MPVs.
  {
    wmi: '1FA',
    make: 'FORD',
    manufacturer: 'FORD MOTOR COMPANY, USA',
    plantCountry: USA,
    models: [
      { model: 'Mustang', bodyClass: 'Coupe', vehicleType: CAR, fuelType: 'Gasoline', engineCylinders: 8, displacementL: 5.0 },
    ],
  },
  {
    wmi: '1G1',
    make: 'CHEVROLET',
    manufacturer: 'GENERAL MOTORS LLC',
    plantCountry: USA,
    models: [
      { model: 'Malibu', bodyClass: 'Sedan/Saloon', vehicleType: CAR, fuelType: 'Gasoline', engineCylinders: 4, displacementL: 1.5 },
      { model: 'Bolt EV', bodyClass: 'Hatchback/Liftback/Notchback', vehicleType: CAR, fuelType: 'Electric' },
    ],
  },
  {
    wmi: '3VW',
    make: 'VOLKSWAGEN',
    manufacturer: 'VOLKSWAGEN DE MEXICO SA DE CV',
    plantCountry: 'MEXICO',
    models: [
      { model: 'Jetta', bodyClass: 'Sedan/Saloon', vehicleType: CAR, fuelType: 'Gasoline', engineCylinders: 4, displacementL: 1.4 },
    ],
  },
  {
    wmi: '3VV',
    make: 'VOLKSWAGEN',
    manufacturer: 'VOLKSWAGEN DE MEXICO SA DE CV',
    plantCountry: 'MEXICO',
    models: [
      {
        model: 'Tiguan',
        bodyClass: 'Sport Utility Vehicle [SUV]/Multipurpose Vehicle [MPV]',
        vehicleType: MPV,
        fuelType: 'Gasoline',
        gvwr: 'Class 1D: 5,001 - 6,000 lb (2,268 - 2,722 kg)',
        engineCylinders: 4,
        displacementL: 2.0,
      },
    ],
  },
  {
    wmi: 'WBA',
    make: 'BMW',
    manufacturer: 'BMW AG',
    plantCountry: 'GERMANY',
    models: [
      { model: '328i', series: '3-Series', bodyClass: 'Sedan/Saloon', vehicleType: CAR, fuelType: 'Gasoline', engineCylinders: 4, displacementL: 2.0 },
    ],
  },
  {
    wmi: '5UX',
    make: 'BMW',
    manufacturer: 'BMW MANUFACTURER CORPORATION / BMW NORTH AMERICA',
    plantCountry: 'UNITED STATES (USA)',
    models: [
      { model: 'X3', bodyClass: SUV, vehicleType: MPV, fuelType: 'Gasoline', engineCylinders: 6, displacementL: 3.0 },
      { model: 'X5', bodyClass: SUV, vehicleType: MPV, fuelType: 'Gasoline', engineCylinders: 6, displacementL: 3.0 },
    ],
  },
  {
    wmi: '5YJ',
    make: 'TESLA',
    manufacturer: 'TESLA, INC.',
    plantCountry: USA,
    models: [
      { model: 'Model S', bodyClass: 'Hatchback/Liftback/Notchback', vehicleType: CAR, fuelType: 'Electric', driveType: 'RWD/ Rear Wheel Drive' },
      { model: 'Model 3', bodyClass: 'Sedan/Saloon', vehicleType: CAR, fuelType: 'Electric', driveType: 'AWD/All-Wheel Drive' },
    ],
  },
  {
    wmi: '1HG',
    make: 'HONDA',
    manufacturer: 'AMERICAN HONDA MOTOR CO., INC.',
    plantCountry: USA,
    models: [
      { model: 'Accord', bodyClass: 'Sedan/Saloon', vehicleType: CAR, fuelType: 'Gasoline', engineCylinders: 4, displacementL: 1.5 },
      { model: 'Civic', bodyClass: 'Sedan/Saloon', vehicleType: CAR, fuelType: 'Gasoline', engineCylinders: 4, displacementL: 2.0 },
    ],
  },
  {
    wmi: 'JHM',
    make: 'HONDA',
    manufacturer: 'HONDA MOTOR CO., LTD',
    plantCountry: 'JAPAN',
    models: [
      { model: 'Fit', bodyClass: 'Hatchback/Liftback/Notchback', vehicleType: CAR, fuelType: 'Gasoline', engineCylinders: 4, displacementL: 1.5 },
    ],
  },
  {
    wmi: '2T1',
    make: 'TOYOTA',
    manufacturer: 'TOYOTA MOTOR MANUFACTURING CANADA',
    plantCountry: 'CANADA',
    models: [
      { model: 'Corolla', bodyClass: 'Sedan/Saloon', vehicleType: CAR, fuelType: 'Gasoline', engineCylinders: 4, displacementL: 1.8 },
    ],
  },
  {
    wmi: '4T1',
    make: 'TOYOTA',
    manufacturer: 'TOYOTA MOTOR MANUFACTURING, KENTUCKY, INC.',
    plantCountry: USA,
    models: [
      { model: 'Camry', bodyClass: 'Sedan/Saloon', vehicleType: CAR, fuelType: 'Gasoline', engineCylinders: 4, displacementL: 2.5 },
    ],
  },
  {
    wmi: '1N4',
    make: 'NISSAN',
    manufacturer: 'NISSAN NORTH AMERICA, INC.',
    plantCountry: USA,
    models: [
      { model: 'Altima', bodyClass: 'Sedan/Saloon', vehicleType: CAR, fuelType: 'Gasoline', engineCylinders: 4, displacementL: 2.5 },
    ],
  },
  {
    wmi: 'KMH',
    make: 'HYUNDAI',
    manufacturer: 'HYUNDAI MOTOR CO',
    plantCountry: 'SOUTH KOREA',
    models: [
      { model: 'Elantra', bodyClass: 'Sedan/Saloon', vehicleType: CAR, fuelType: 'Gasoline', engineCylinders: 4, displacementL: 2.0 },
    ],
  },
  {
    wmi: '1C4',
    make: 'JEEP',
    manufacturer: 'FCA US LLC',
    plantCountry: USA,
    models: [
      { model: 'Grand Cherokee', bodyClass: SUV, vehicleType: MPV, fuelType: 'Gasoline', engineCylinders: 6, displacementL: 3.6 },
    ],
  },
];

const BY_WMI: ReadonlyMap<string, CatalogMaker> = new Map(WMI_CATALOG.map((m) => [m.wmi, m]));

/** The catalog maker for a WMI (first three VIN characters), case-insensitive. */
export function findMakerByWmi(wmi: string): CatalogMaker | undefined {
  return BY_WMI.get(wmi.trim().toUpperCase().slice(0, 3));
}

/** The catalog model a maker's VINs decode to, chosen by name (undefined when absent). */
export function findModel(maker: CatalogMaker, model: string): CatalogModel | undefined {
  return maker.models.find((m) => m.model === model);
}

export interface BriefVin {
  readonly vin: string;
  readonly make: string;
  readonly model: string;
  readonly modelYear: number;
  readonly bodyClass: string;
}

/**
 * The five VINs of the original brief and what vPIC says they are.
 *
 * The simulator must answer them exactly like this, and tests use them as known-good input.
 */
export const BRIEF_VINS: readonly BriefVin[] = [
  { vin: '1XPWD40X1ED215307', make: 'PETERBILT', model: '388', modelYear: 2014, bodyClass: TRACTOR },
  { vin: '1XKWDB0X57J211825', make: 'KENWORTH', model: 'W9 Series', modelYear: 2007, bodyClass: TRACTOR },
  { vin: '1XP5DB9X7YN526158', make: 'PETERBILT', model: '379', modelYear: 2000, bodyClass: TRACTOR },
  { vin: '4V4NC9EJXEN171694', make: 'VOLVO TRUCK', model: 'VNL', modelYear: 2014, bodyClass: TRACTOR },
  { vin: '1XP5DB9X7XD487964', make: 'PETERBILT', model: '379', modelYear: 1999, bodyClass: TRACTOR },
];

/** What the catalog says a VIN is: see catalogVehicleForVin. */
export interface CatalogVehicle {
  readonly maker: CatalogMaker;
  readonly model: CatalogModel;
  readonly modelYear: number;
}

/** Model year codes (VIN position 10) in order from 1980, per 49 CFR 565.15(d). */
const YEAR_CODES = 'ABCDEFGHJKLMNPRSTVWXY123456789';

/**
 * A deterministic "decode" of any VIN whose WMI is in the catalog, for the vPIC simulator.
 *
 * The brief VINs answer with their known facts. Others: the maker from the WMI, the model
 * chosen by a hash of positions 4-8 (the descriptor section), and the model year from
 * position 10 read in the 2000-2029 window (the fleet generator draws years from 2000-2025).
 * Undefined for unknown WMIs or an invalid year code.
 */
export function catalogVehicleForVin(vin: string): CatalogVehicle | undefined {
  const v = vin.trim().toUpperCase();
  const maker = findMakerByWmi(v);
  if (maker === undefined) return undefined;
  const brief = BRIEF_VINS.find((b) => b.vin === v);
  if (brief !== undefined) {
    const model = findModel(maker, brief.model);
    if (model !== undefined) return { maker, model, modelYear: brief.modelYear };
  }
  const yearIndex = YEAR_CODES.indexOf(v.charAt(9));
  if (yearIndex < 0) return undefined;
  const modelYear = 2000 + ((yearIndex + 30 - 20) % 30); // 'Y' (index 20) is 2000
  let hash = 0;
  for (const ch of v.slice(3, 8)) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return { maker, model: maker.models[hash % maker.models.length], modelYear };
}
