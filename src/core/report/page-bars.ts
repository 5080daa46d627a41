/**
 * Pages per person as a text bar chart: one character per page, work hours █, off hours ▒ and
 * sleep hours ░, so the nights stand out at a glance. Text, not an image or a Mermaid chart,
 * because the same chart has to read in an issue, a job summary, a terminal and Slack alike.
 */

export interface PageCounts {
  work: number;
  offHours: number;
  sleep: number;
}

export const PAGE_BAR_LEGEND = '█ work hours · ▒ off hours (awake) · ░ sleep hours (22:00–07:00)';

/**
 * "███▒░" for 3 work, 1 off-hours and 1 sleep page. Longer than `width`, the bar is scaled down
 * (each class keeps at least one character when it has a page) and ends with "…".
 */
export function pageBar(counts: PageCounts, width = 30): string {
  const total = counts.work + counts.offHours + counts.sleep;
  if (total === 0) return '';
  if (total <= width) {
    return '█'.repeat(counts.work) + '▒'.repeat(counts.offHours) + '░'.repeat(counts.sleep);
  }
  const scaled = (n: number) => (n === 0 ? 0 : Math.max(1, Math.round((n * width) / total)));
  return `${'█'.repeat(scaled(counts.work))}${'▒'.repeat(scaled(counts.offHours))}${'░'.repeat(scaled(counts.sleep))}…`;
}

/** The chart as aligned lines: label, bar, total. Empty rows are kept: no pages is worth seeing. */
export function pageChart(rows: ReadonlyArray<{ label: string } & PageCounts>, width = 30): string {
  const labelWidth = Math.max(0, ...rows.map((row) => row.label.length));
  const bars = rows.map((row) => pageBar(row, width));
  const barWidth = Math.max(1, ...bars.map((bar) => bar.length));
  return [
    ...rows.map((row, index) => {
      const total = row.work + row.offHours + row.sleep;
      return `${row.label.padEnd(labelWidth)}  ${(bars[index] as string).padEnd(barWidth)}  ${total}`;
    }),
    PAGE_BAR_LEGEND,
  ].join('\n');
}
