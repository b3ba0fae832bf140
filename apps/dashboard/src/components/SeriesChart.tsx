import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { SeriesPoint } from '../lib/series';
import { formatCo2e } from '../lib/format';

function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#3a7';
}

/**
 * Bars of kg CO2e per bucket (uPlot, canvas). The canvas is hidden from assistive technology:
 * the same numbers are in the table beside it, and the figure's caption says what it shows.
 */
export function SeriesChart({ points, theme }: { points: SeriesPoint[]; theme: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = host.current;
    if (!el || points.length === 0) return;
    const xs = points.map((p) => Date.parse(`${p.start}T00:00:00Z`) / 1000);
    const ys = points.map((p) => p.co2eG / 1000);
    const axis = {
      stroke: cssVar('--fg-muted'),
      grid: { stroke: cssVar('--grid') },
      ticks: { stroke: cssVar('--grid') },
    };
    const plot = new uPlot(
      {
        width: Math.max(280, el.clientWidth),
        height: 240,
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        scales: {
          x: { time: true },
          y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] },
        },
        axes: [
          axis,
          { ...axis, label: 'kg CO₂e', values: (_u, ticks) => ticks.map((t) => `${t}`) },
        ],
        series: [
          {},
          {
            label: 'kg CO₂e',
            fill: cssVar('--accent-soft'),
            stroke: cssVar('--accent'),
            paths: uPlot.paths.bars!({ size: [0.7, 48] }),
            points: { show: false },
            value: (_u, v) => (v === null ? '–' : formatCo2e(v * 1000)),
          },
        ],
      },
      [xs, ys],
      el,
    );
    const resize = () => plot.setSize({ width: Math.max(280, el.clientWidth), height: 240 });
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      plot.destroy();
    };
  }, [points, theme]);
  return <div ref={host} className="chart" aria-hidden="true" />;
}
