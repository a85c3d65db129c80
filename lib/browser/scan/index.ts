/**
 * The VIN scanner's reader (issue 11, item 5): the barcode detector, loaded on demand, and the rule that turns the
 * barcodes of a camera frame into the text put in the VIN field. Imported only by the lazily loaded Scanner view.
 */
export { loadVinDetector } from './detector';
export { vinFromBarcode } from './vinFromBarcode';
