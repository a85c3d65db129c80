/**
 * The barcode reader of the VIN scanner: the browser's own BarcodeDetector where it reads the VIN's formats
 * (Android, ChromeOS, macOS), else the barcode-detector ponyfill over ZXing-C++ compiled to WebAssembly, loaded on
 * demand (never in a page's first load). Its .wasm is served from the dApp's own origin (the bundler copies it
 * into the static export), never from a CDN: the Content-Security-Policy allows only the dApp's origins, plus
 * 'wasm-unsafe-eval' so the browser may compile it.
 */

/** A VIN label: Code 39 on the door jamb or under the windscreen; QR code and Data Matrix on newer labels. */
export const VIN_FORMATS = ['code_39', 'qr_code', 'data_matrix'] as const;

export interface VinDetector {
  /** The text of each barcode seen in the frame the video shows now (none: an empty list). */
  detect(video: HTMLVideoElement): Promise<string[]>;
  /** 'native' (the browser's own detector) or 'zxing' (the WebAssembly one): for tests and diagnostics. */
  readonly kind: 'native' | 'zxing';
}

/** The part of the Barcode Detection API used here (not in TypeScript's DOM types yet). */
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}
interface BarcodeDetectorClass {
  new (options: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats(): Promise<readonly string[]>;
}

async function nativeDetector(): Promise<VinDetector | undefined> {
  const Native = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  if (!Native) return undefined;
  try {
    const supported = await Native.getSupportedFormats();
    // Code 39 is what most cars carry: a detector without it would miss them, and the WebAssembly one reads all.
    if (!supported.includes('code_39')) return undefined;
    const reader = new Native({ formats: VIN_FORMATS.filter((format) => supported.includes(format)) });
    return { kind: 'native', detect: async (video) => (await reader.detect(video)).map((code) => code.rawValue) };
  } catch {
    return undefined;
  }
}

/** Where the bundler put zxing-wasm's reader binary in the export (same origin, content-hashed name). */
const ZXING_READER_WASM = new URL('../../../node_modules/zxing-wasm/dist/reader/zxing_reader.wasm', import.meta.url);

async function zxingDetector(): Promise<VinDetector> {
  const { BarcodeDetector, prepareZXingModule } = await import('barcode-detector/ponyfill');
  // Compiled now rather than at the first frame, so a failure to load is told before the camera is shown.
  await prepareZXingModule({
    overrides: {
      locateFile: (file: string, prefix: string) => (file.endsWith('.wasm') ? ZXING_READER_WASM.href : prefix + file),
    },
    fireImmediately: true,
  });
  const reader = new BarcodeDetector({ formats: [...VIN_FORMATS] });
  return { kind: 'zxing', detect: async (video) => (await reader.detect(video)).map((code) => code.rawValue) };
}

let detector: Promise<VinDetector> | undefined;

/** The reader, loaded once; a failed load is forgotten so that the next "Scan" tries again. */
export function loadVinDetector(): Promise<VinDetector> {
  detector ??= nativeDetector()
    .then((native) => native ?? zxingDetector())
    .catch((error: unknown) => {
      detector = undefined;
      throw error;
    });
  return detector;
}
