/**
 * What a VIN says about the car without asking anyone: the maker (world manufacturer identifier, positions 1–3)
 * and the model year (position 10). Decoded in the browser from the VIN the buyer typed; nothing is sent.
 *
 * No maintained WMI data set is published on npm (the packages found are unmaintained single-author decoders), so
 * this is a small table of the makes sold in Europe. Source: the WMI assignments published by SAE International
 * (ISO 3780 registrar) as listed in NHTSA's vPIC "Manufacturer" data and the WMI list on Wikipedia
 * ("Vehicle identification number", World manufacturer identifier), retrieved 2026. A WMI not listed yields no make:
 * the page then shows the region only.
 */
import { normaliseVin, wmiRegion, type WmiRegion } from './vin';

const WMI: Record<string, string> = {
  // France
  VF1: 'Renault',
  VF3: 'Peugeot',
  VF7: 'Citroën',
  VR1: 'DS Automobiles',
  VF6: 'Renault Trucks',
  VNK: 'Toyota',
  VR3: 'Peugeot',
  VR7: 'Citroën',
  VF8: 'Matra',
  VSS: 'SEAT',
  VSX: 'Opel',
  VS6: 'Ford',
  // Germany
  WVW: 'Volkswagen',
  WV1: 'Volkswagen Commercial Vehicles',
  WV2: 'Volkswagen',
  WAU: 'Audi',
  WBA: 'BMW',
  WBS: 'BMW M',
  WBY: 'BMW i',
  WDB: 'Mercedes-Benz',
  WDD: 'Mercedes-Benz',
  WDC: 'Mercedes-Benz',
  W1K: 'Mercedes-Benz',
  W1N: 'Mercedes-Benz',
  WMW: 'MINI',
  WP0: 'Porsche',
  WP1: 'Porsche',
  W0L: 'Opel',
  W0V: 'Opel',
  WF0: 'Ford',
  WME: 'smart',
  TMB: 'Škoda',
  // Italy, Spain, Sweden, United Kingdom
  ZFA: 'Fiat',
  ZFF: 'Ferrari',
  ZAR: 'Alfa Romeo',
  ZLA: 'Lancia',
  ZHW: 'Lamborghini',
  ZAM: 'Maserati',
  VSK: 'Nissan',
  YV1: 'Volvo',
  YS3: 'Saab',
  SAL: 'Land Rover',
  SAJ: 'Jaguar',
  SCC: 'Lotus',
  SCF: 'Aston Martin',
  SCA: 'Rolls-Royce',
  SCB: 'Bentley',
  SJN: 'Nissan',
  SB1: 'Toyota',
  TRU: 'Audi',
  UU1: 'Dacia',
  // Asia
  JHM: 'Honda',
  JT2: 'Toyota',
  JTD: 'Toyota',
  JN1: 'Nissan',
  JMZ: 'Mazda',
  JS2: 'Suzuki',
  KMH: 'Hyundai',
  KNA: 'Kia',
  KNE: 'Kia',
  LSV: 'SAIC Volkswagen',
  LRW: 'Tesla',
  // North America
  '1HG': 'Honda',
  '1FA': 'Ford',
  '1G1': 'Chevrolet',
  '2HG': 'Honda',
  '3VW': 'Volkswagen',
  '4T1': 'Toyota',
  '5YJ': 'Tesla',
  '5UX': 'BMW',
};

/** The WMIs of the make table (consortium:check reads who holds each: Consortium has no list of holders). */
export const KNOWN_WMIS: readonly string[] = Object.keys(WMI);

/** Position 10's year code: the letters (no I, O, Q, U, Z) then digits 1–9, repeating every 30 years. */
const YEAR_CODES = 'ABCDEFGHJKLMNPRSTVWXY123456789';

export interface VinIdentity {
  wmi: string;
  make?: string;
  region?: WmiRegion;
  /** The model year position 10 encodes, when it encodes one (many European VINs put a filler there). */
  modelYear?: number;
}

/**
 * The model year from position 10. The code repeats every 30 years: North American VINs tell the cycle by
 * position 7 (a digit before 2010, a letter from 2010); elsewhere the latest year not after next year is taken.
 */
export function modelYearOf(vin: string, currentYear = new Date().getUTCFullYear()): number | undefined {
  const code = YEAR_CODES.indexOf(vin.charAt(9));
  if (code < 0) return undefined;
  const early = 1980 + code;
  if (wmiRegion(vin) === 'north-america') return /[0-9]/.test(vin.charAt(6)) ? early : early + 30;
  return early + 30 <= currentYear + 1 ? early + 30 : early;
}

export function vinIdentity(input: string, currentYear?: number): VinIdentity {
  const vin = normaliseVin(input);
  const wmi = vin.slice(0, 3);
  return { wmi, make: WMI[wmi], region: wmiRegion(vin), modelYear: modelYearOf(vin, currentYear) };
}
