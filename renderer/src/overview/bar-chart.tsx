/**
 * One clickable bar chart (Chart.js on a canvas), with the same bars as buttons for keyboards
 * and screen readers.
 *
 * Chart.js is registered with only what bar charts need (controller, element, two scales,
 * tooltip), so the renderer bundle carries none of its other chart types.
 */
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip, type ChartEvent } from 'chart.js';
import { useEffect, useRef } from 'react';
import type { ChartTheme } from './chart-theme';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

export interface Bar<F> {
  readonly label: string;
  readonly count: number;
  /** What clicking the bar filters the table to; null when it cannot filter (unknown values). */
  readonly filter: F | null;
  /** Drawn in the warning colour (park-it recalls). */
  readonly urgent?: boolean;
}

export interface BarChartProps<F> {
  readonly title: string;
  readonly bars: readonly Bar<F>[];
  readonly horizontal: boolean;
  readonly theme: ChartTheme;
  readonly onPick: (filter: F) => void;
}

export function BarChart<F>({ title, bars, horizontal, theme, onPick }: BarChartProps<F>): React.JSX.Element {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const chartRef = useRef<Chart<'bar'> | null>(null);
  // The click handler reads the latest bars and callback without rebuilding the chart.
  const latest = useRef({ bars, onPick });
  useEffect(() => {
    latest.current = { bars, onPick };
  });

  useEffect(() => {
    const canvas = canvasRef.current;
    if (canvas === null) return;
    const chart = new Chart(canvas, {
      type: 'bar',
      data: { labels: [], datasets: [{ data: [], borderRadius: 2, maxBarThickness: 28 }] },
      options: {
        indexAxis: horizontal ? 'y' : 'x',
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        // A click anywhere along a bar's row (or column) picks it, not only on the bar itself.
        interaction: { mode: 'index', axis: horizontal ? 'y' : 'x', intersect: false },
        plugins: { tooltip: { enabled: true } },
        onClick: (event: ChartEvent, _elements, c) => {
          if (event.native === null) return;
          const [hit] = c.getElementsAtEventForMode(event.native, 'index', { axis: horizontal ? 'y' : 'x', intersect: false }, false);
          const bar = hit === undefined ? undefined : latest.current.bars[hit.index];
          if (bar?.filter != null) latest.current.onPick(bar.filter);
        },
        onHover: (event: ChartEvent, elements) => {
          const target = event.native?.target;
          if (target instanceof HTMLElement) {
            const bar = elements[0] === undefined ? undefined : latest.current.bars[elements[0].index];
            target.style.cursor = bar?.filter != null ? 'pointer' : 'default';
          }
        },
      },
    });
    chartRef.current = chart;
    return () => {
      chart.destroy();
      chartRef.current = null;
    };
  }, [horizontal]);

  useEffect(() => {
    const chart = chartRef.current;
    if (chart === null) return;
    chart.data.labels = bars.map((b) => b.label);
    const dataset = chart.data.datasets[0]!;
    dataset.data = bars.map((b) => b.count);
    dataset.backgroundColor = bars.map((b) => (b.urgent ? theme.barUrgent : b.filter === null ? theme.muted : theme.bar));
    // Counts are whole vehicles: no 0.5 ticks.
    const scale = { ticks: { color: theme.muted, font: { size: 11 }, precision: 0 }, grid: { color: theme.grid } };
    chart.options.scales = { x: { ...scale, beginAtZero: true }, y: { ...scale, beginAtZero: true } };
    chart.update();
  }, [bars, theme]);

  return (
    <figure className="overview-chart" aria-label={title}>
      <figcaption>{title}</figcaption>
      <div className="overview-canvas" style={{ height: horizontal ? Math.max(80, 24 * bars.length + 30) : 160 }}>
        <canvas ref={canvasRef} role="img" aria-label={`${title}: ${bars.map((b) => `${b.label} ${b.count}`).join(', ')}`} />
      </div>
      <details className="overview-values">
        <summary>Values</summary>
        <ul>
        {bars.map((b) => (
          <li key={b.label}>
            {b.filter === null ? (
              <span>
                {b.label}: {b.count.toLocaleString()}
              </span>
            ) : (
              <button type="button" className="button-link" onClick={() => onPick(b.filter as F)}>
                {b.label}: {b.count.toLocaleString()}
              </button>
            )}
          </li>
        ))}
        </ul>
      </details>
    </figure>
  );
}
