import { describe, expect, it } from 'vitest';
import { vinFromBarcode } from './vinFromBarcode';

describe('vinFromBarcode', () => {
  it('takes a VIN read as it is', () => {
    expect(vinFromBarcode(['VF1RFB00X56000005'])).toBe('VF1RFB00X56000005');
  });

  it('drops the import marker and the asterisks of a door-jamb Code 39 label', () => {
    expect(vinFromBarcode(['IVF1RFB00X56000005'])).toBe('VF1RFB00X56000005');
    expect(vinFromBarcode(['*VF1RFB00X56000005*'])).toBe('VF1RFB00X56000005');
  });

  it('finds the VIN among the other fields of a QR code or Data Matrix', () => {
    expect(vinFromBarcode(['VIN:vf1rfb00x56000005;PLATE:AB-123-CD'])).toBe('VF1RFB00X56000005');
  });

  it('prefers a barcode holding a valid VIN over others seen in the same frame', () => {
    expect(vinFromBarcode(['https://example.org/manual', 'VF1RFB00X56000005'])).toBe('VF1RFB00X56000005');
  });

  it('hands over the text of a barcode without a valid VIN, to be validated like a typed one', () => {
    // An O where a VIN has a 0: the page then says so in the words it uses for a typing error.
    expect(vinFromBarcode([' VF1RFB00X560O0005 '])).toBe('VF1RFB00X560O0005');
    expect(vinFromBarcode(['', 'HELLO'])).toBe('HELLO');
  });

  it('finds nothing when no barcode was read', () => {
    expect(vinFromBarcode([])).toBeUndefined();
    expect(vinFromBarcode(['  '])).toBeUndefined();
  });
});
