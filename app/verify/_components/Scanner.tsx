'use client';

import { useEffect, useRef, useState } from 'react';
import { useTranslations } from '@/lib/browser/i18n';
import { loadVinDetector, vinFromBarcode } from '@/lib/browser/scan';

type Problem = 'noCamera' | 'denied' | 'busy' | 'insecure' | 'reader';
type Phase = 'starting' | 'loading' | 'scanning' | 'notFound' | { problem: Problem };

/** How often a frame is read, and how long before the page suggests coming closer or typing the VIN. */
const FRAME_INTERVAL_MS = 150;
const NOT_FOUND_AFTER_MS = 15_000;

/** getUserMedia's failure, in the scanner's words (DOMException names from the Media Capture spec). */
function cameraProblem(error: unknown): Problem {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError') return 'denied';
  if (name === 'NotReadableError' || name === 'AbortError' || name === 'TrackStartError') return 'busy';
  return 'noCamera';
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The camera view of "Scan": opens the back camera, reads each frame until a barcode is seen, then hands its text
 * to `onRead` (the page validates it like a typed VIN). The camera is released (every track stopped) as soon as a
 * barcode is read, on "Close" and when the view goes away. Loaded on demand with its reader.
 */
export function Scanner({ onRead, onClose }: { onRead: (text: string) => void; onClose: () => void }) {
  const t = useTranslations('scan');
  const video = useRef<HTMLVideoElement>(null);
  const [phase, setPhase] = useState<Phase>('starting');
  // The latest callbacks, read by the scanning loop that the mount effect starts once.
  const handlers = useRef({ onRead, onClose });
  useEffect(() => {
    handlers.current = { onRead, onClose };
  });

  useEffect(() => {
    let stopped = false;
    let stream: MediaStream | undefined;
    const release = () => {
      stream?.getTracks().forEach((track) => track.stop());
      stream = undefined;
      if (video.current) video.current.srcObject = null;
    };
    const fail = (problem: Problem) => {
      release();
      if (!stopped) setPhase({ problem });
    };

    async function run() {
      if (!window.isSecureContext) return fail('insecure');
      if (!navigator.mediaDevices?.getUserMedia) return fail('noCamera');
      // The reader loads while the person answers the camera prompt.
      const reader = loadVinDetector();
      reader.catch(() => undefined);
      try {
        const opened = await navigator.mediaDevices.getUserMedia({
          video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } },
          audio: false,
        });
        if (stopped) {
          opened.getTracks().forEach((track) => track.stop());
          return;
        }
        stream = opened;
      } catch (error) {
        return fail(cameraProblem(error));
      }
      const view = video.current;
      if (!view) return release();
      view.srcObject = stream;
      await view.play().catch(() => undefined);
      setPhase('loading');
      let detector;
      try {
        detector = await reader;
      } catch {
        return fail('reader');
      }
      if (stopped) return;
      setPhase('scanning');
      const since = Date.now();
      while (!stopped) {
        if (view.readyState >= view.HAVE_CURRENT_DATA) {
          const texts = await detector.detect(view).catch(() => []);
          const text = vinFromBarcode(texts);
          if (text !== undefined && !stopped) {
            release();
            handlers.current.onRead(text);
            return;
          }
        }
        if (Date.now() - since > NOT_FOUND_AFTER_MS && !stopped) setPhase('notFound');
        await sleep(FRAME_INTERVAL_MS);
      }
    }

    void run();
    return () => {
      stopped = true;
      release();
    };
  }, []);

  const problem = typeof phase === 'object' ? phase.problem : undefined;
  return (
    <section id="vin-scanner" className="panel scanner no-print" aria-label={t('title')} data-testid="scanner">
      {problem ? (
        <p className="alert error" role="alert" data-testid="scan-error" data-problem={problem}>
          {t(`problem.${problem}`)}
        </p>
      ) : (
        <>
          <p role="status" data-testid="scan-status" data-phase={phase}>
            {phase === 'starting'
              ? t('starting')
              : phase === 'loading'
                ? t('loading')
                : phase === 'notFound'
                  ? t('notFound')
                  : t('aim')}
          </p>
          <video ref={video} className="scanner-video" muted playsInline aria-label={t('videoLabel')} />
        </>
      )}
      <button type="button" className="secondary" onClick={onClose} data-testid="scan-close">
        {t('close')}
      </button>
    </section>
  );
}
