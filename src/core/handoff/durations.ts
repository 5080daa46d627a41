/** Time-to-acknowledge and time-to-resolve as people read them, and their medians. */

/** The median of whole minutes, rounded to the minute; undefined for none. */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  if (sorted.length % 2 === 1) return sorted[middle];
  return Math.round(((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2);
}

/** 45 → "45 min", 125 → "2 h 5 min", 1500 → "1 d 1 h". Negative clocks (skew) read as 0. */
export function formatMinutes(minutes: number): string {
  const total = Math.max(0, Math.round(minutes));
  if (total < 60) return `${total} min`;
  if (total < 24 * 60) {
    const hours = Math.floor(total / 60);
    const rest = total % 60;
    return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
  }
  const days = Math.floor(total / (24 * 60));
  const hours = Math.floor((total % (24 * 60)) / 60);
  return hours === 0 ? `${days} d` : `${days} d ${hours} h`;
}
