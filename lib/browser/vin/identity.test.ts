import { describe, expect, it } from 'vitest';
import { DEMO_VEHICLES } from '../../dev/stack/seed';
import { modelYearOf, vinIdentity } from './identity';

describe('vinIdentity', () => {
  it('decodes make and model year of every seeded car', () => {
    const decoded = DEMO_VEHICLES.map((car) => {
      const id = vinIdentity(car.vin, 2026);
      return [car.vin, [id.make, id.modelYear]];
    });
    expect(Object.fromEntries(decoded)).toEqual({
      WVWZZZ1JZXW000001: ['Volkswagen', 1999],
      '1HGCM82633A004352': ['Honda', 2003],
      WVWZZZ1KZBW000003: ['Volkswagen', 2011],
      WVWZZZ3CZEE000004: ['Volkswagen', 2014],
      VF1RFB00X56000005: ['Renault', 2005],
      WBA3A5C50DF000006: ['BMW', 2013],
      ZFA31200000000007: ['Fiat', undefined],
    });
  });

  it('tells the 30-year cycle of a North American VIN by position 7', () => {
    expect(modelYearOf('1HGCM82633A004352', 2026)).toBe(2003); // position 7 '2': before 2010
    expect(modelYearOf('5YJ3E1EA1KF000001', 2026)).toBe(2019); // position 7 'E': from 2010
  });

  it('takes the latest possible year elsewhere, never a future one', () => {
    expect(modelYearOf('VF1AAAAAAP0000001', 2026)).toBe(2023);
    expect(modelYearOf('VF1AAAAAAX0000001', 2026)).toBe(1999);
  });

  it('leaves make and year out when unknown, keeps the region', () => {
    expect(vinIdentity('XXX00000000000000', 2026)).toEqual({
      wmi: 'XXX',
      make: undefined,
      region: 'europe',
      modelYear: undefined,
    });
  });
});
