/**
 * Chart colours from the app's CSS custom properties, so charts follow the light/dark theme
 * (the stylesheet switches the properties on `prefers-color-scheme`).
 */
import { useEffect, useState } from 'react';

export interface ChartTheme {
  readonly bar: string;
  readonly barUrgent: string;
  readonly text: string;
  readonly muted: string;
  readonly grid: string;
}

function readTheme(): ChartTheme {
  const style = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  return {
    bar: v('--accent', '#0969da'),
    barUrgent: v('--danger', '#cf222e'),
    text: v('--fg', '#1f2328'),
    muted: v('--muted', '#59636e'),
    grid: v('--border', '#d1d9e0'),
  };
}

/** The current chart theme; changes when the OS switches between light and dark. */
export function useChartTheme(): ChartTheme {
  const [theme, setTheme] = useState<ChartTheme>(readTheme);
  useEffect(() => {
    const query = window.matchMedia('(prefers-color-scheme: dark)');
    const onChange = (): void => setTheme(readTheme());
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);
  return theme;
}
