'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { mileageChartOf, type BookHistory, type ChartBand, type ChartPoint, type Verdict } from '@/lib/browser/history';
import { useFormat, useTranslations } from '@/lib/browser/i18n';
import { ChartMessagesProvider } from '@/lib/browser/chart';

/**
 * The buyer's mileage chart: the odometer over time, records and signed device readings, with the verdict's
 * corrections, implausible jumps, long gaps and device silences marked. Drawn with uPlot (~22 KiB gzip), loaded
 * with this component when a result is shown, never in /verify's first load. The canvas is decoration for
 * sighted readers: the summary and the (visually hidden) table say the same in words.
 */

/** Colours: ≥ 3:1 against white for the marks (WCAG 1.4.11); text stays in the page's ink. */
const COLOUR = {
  line: '#5c6b80',
  record: '#1f5eff',
  reading: '#0f7b46',
  correction: '#8a5a00',
  jump: '#b42318',
  gap: 'rgba(138, 90, 0, 0.18)',
  silent: 'rgba(180, 35, 24, 0.16)',
  grid: '#d9e0ea',
  ink: '#14213d',
} as const;

const DAY = 86_400;

type Mark = 'correction' | 'jump';

/** The series the canvas draws (uPlot's aligned columns: one x, one y per series, null where absent). */
function columns(points: ChartPoint[]): uPlot.AlignedData {
  const x = points.map((p) => p.time);
  const only = (keep: (p: ChartPoint) => boolean) => points.map((p) => (keep(p) ? p.km : null));
  return [
    x,
    points.map((p) => p.km),
    only((p) => p.source === 'record' && !p.correction),
    only((p) => p.source === 'reading'),
    only((p) => p.correction),
    only((p) => p.jump),
  ];
}

/** A series drawn as dots only. */
const dots = (stroke: string, fill: string, size: number, width = 1.5): uPlot.Series => ({
  paths: () => null,
  points: { show: true, size, width, stroke, fill },
});

/** Shades the verdict's gaps and silences under the series. */
function bandsPlugin(bands: ChartBand[]): uPlot.Plugin {
  return {
    hooks: {
      drawClear: (u) => {
        const { ctx, bbox } = u;
        ctx.save();
        for (const band of bands) {
          const left = Math.max(u.valToPos(band.from, 'x', true), bbox.left);
          const right = Math.min(u.valToPos(band.to, 'x', true), bbox.left + bbox.width);
          if (right <= left) continue;
          ctx.fillStyle = band.kind === 'gap' ? COLOUR.gap : COLOUR.silent;
          // A silence sits in the lower half, a gap fills the height: both stay visible where they overlap.
          const top = band.kind === 'gap' ? bbox.top : bbox.top + bbox.height / 2;
          ctx.fillRect(left, top, right - left, bbox.top + bbox.height - top);
        }
        ctx.restore();
      },
    },
  };
}

/** The chart with its own words (messages/<locale>/chart.json travel with its chunk). */
export function MileageChart(props: { history: BookHistory; verdict: Verdict }) {
  return (
    <ChartMessagesProvider>
      <Chart {...props} />
    </ChartMessagesProvider>
  );
}

function Chart({ history, verdict }: { history: BookHistory; verdict: Verdict }) {
  const t = useTranslations('mileageChart');
  const f = useFormat();
  const box = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  const { points, bands } = useMemo(() => mileageChartOf(history, verdict), [history, verdict]);

  useEffect(() => {
    const element = box.current;
    if (!element || points.length === 0) return;
    const times = [...points.map((p) => p.time), ...bands.flatMap((b) => [b.from, b.to])];
    const [first, last] = [Math.min(...times), Math.max(...times)];
    const pad = Math.max((last - first) * 0.03, 20 * DAY);
    const span = last - first;
    const maxKm = Math.max(...points.map((p) => p.km));
    const heightFor = (width: number) => (width < 480 ? 220 : 280);
    const axis = { stroke: COLOUR.ink, grid: { stroke: COLOUR.grid, width: 1 }, ticks: { stroke: COLOUR.grid } };
    const options: uPlot.Options = {
      width: element.clientWidth,
      height: heightFor(element.clientWidth),
      legend: { show: false },
      cursor: { show: false },
      scales: {
        x: { time: true, range: () => [first - pad, last + pad] },
        y: { range: () => [0, Math.max(1_000, maxKm * 1.1)] },
      },
      axes: [
        {
          ...axis,
          space: 70,
          // Years across a long history, months across a short one: the page's language either way.
          values: (_u, splits) => splits.map((s) => (span > 3 * 365 * DAY ? f.year(s) : f.monthYear(s))),
        },
        { ...axis, size: 64, space: 40, values: (_u, splits) => splits.map((s) => f.number(s)) },
      ],
      series: [
        {},
        { stroke: COLOUR.line, width: 1.5, spanGaps: true, points: { show: false } },
        dots(COLOUR.record, COLOUR.record, 8),
        dots(COLOUR.reading, '#ffffff', 8, 2),
        dots(COLOUR.correction, COLOUR.correction, 10),
        dots(COLOUR.jump, 'rgba(0, 0, 0, 0)', 18, 2.5),
      ],
      plugins: [bandsPlugin(bands)],
    };
    let plot: uPlot;
    try {
      plot = new uPlot(options, columns(points), element);
    } catch {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- a canvas that cannot be drawn says so once.
      setFailed(true);
      return;
    }
    const resize = new ResizeObserver(() => {
      const width = element.clientWidth;
      if (width > 0 && width !== plot.width) plot.setSize({ width, height: heightFor(width) });
    });
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [points, bands, f]);

  if (points.length === 0) return null;
  const records = points.filter((p) => p.source === 'record').length;
  const marks = (p: ChartPoint): Mark[] => [
    ...(p.correction ? ['correction' as const] : []),
    ...(p.jump ? ['jump' as const] : []),
  ];
  const present = {
    record: points.some((p) => p.source === 'record' && !p.correction),
    reading: points.some((p) => p.source === 'reading'),
    correction: points.some((p) => p.correction),
    jump: points.some((p) => p.jump),
    gap: bands.some((b) => b.kind === 'gap'),
    silent: bands.some((b) => b.kind === 'silent'),
  };
  const [firstPoint, lastPoint] = [points[0], points[points.length - 1]];

  return (
    <figure className="panel mileage-chart" aria-labelledby="mileage-chart-title" data-testid="mileage-chart">
      <h2 id="mileage-chart-title">{t('title')}</h2>
      {failed ? (
        <p className="muted">{t('failed')}</p>
      ) : (
        <div className="chart-canvas" ref={box} aria-hidden="true" data-testid="mileage-chart-canvas" />
      )}
      <ul className="chart-legend" data-testid="mileage-chart-legend">
        <li>
          <span className="swatch swatch-line" aria-hidden="true" />
          {t('legend.line')}
        </li>
        {(Object.keys(present) as (keyof typeof present)[])
          .filter((key) => present[key])
          .map((key) => (
            <li key={key}>
              <span className={`swatch swatch-${key}`} aria-hidden="true" />
              {t(`legend.${key}`)}
            </li>
          ))}
      </ul>
      <figcaption className="muted chart-summary" data-testid="mileage-chart-summary">
        {t('summary', {
          count: points.length,
          records,
          readings: points.length - records,
          first: f.date(firstPoint.time),
          firstKm: f.km(firstPoint.km),
          last: f.date(lastPoint.time),
          lastKm: f.km(lastPoint.km),
        })}{' '}
        {t('marks', {
          corrections: points.filter((p) => p.correction).length,
          jumps: points.filter((p) => p.jump).length,
          gaps: bands.filter((b) => b.kind === 'gap').length,
        })}
      </figcaption>
      {/* A table grows to its content whatever its width: the 1 px box that hides it is a div. */}
      <div className="visually-hidden">
        <table data-testid="mileage-chart-table">
          <caption>{t('tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('table.date')}</th>
              <th scope="col">{t('table.source')}</th>
              <th scope="col">{t('table.km')}</th>
              <th scope="col">{t('table.mark')}</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p, i) => (
              <tr key={i}>
                <td>{f.date(p.time)}</td>
                <td>{t(`legend.${p.source}`)}</td>
                <td>{f.km(p.km)}</td>
                <td>
                  {marks(p)
                    .map((mark) => t(`legend.${mark}`))
                    .join(', ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
