/**
 * Public entry of a book's history: reading it in proxy-sized log windows and checking it against the on-chain
 * hash-chain head (`read`), the buyer's verdict rules (`verdict`, `timeline`), export with proofs (`export`).
 */
export { readBookHistory } from './read';
export type { BookHistory } from './read';
export { bookIdForVin } from './lookup';
export { computeVerdict } from './verdict';
export type { Finding, Verdict } from './verdict';
export { timelineOf } from './timeline';
export { mileageChartOf } from './series';
export type { ChartBand, ChartPoint } from './series';
export { exportHistory, verifyExportedHistory } from './export';
export type { ExportVerification } from './export';
