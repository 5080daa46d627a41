/** The several shapes GitHub accepts for "these labels" in a request body, reduced to names. */

type LabelInput = string | { name?: string };

export function labelNames(input: unknown): string[] {
  if (typeof input === 'string') return [input];
  if (Array.isArray(input)) return input.flatMap((item: LabelInput) => nameOf(item));
  if (input && typeof input === 'object' && 'labels' in input) {
    return labelNames((input as { labels: unknown }).labels);
  }
  return [];
}

function nameOf(item: LabelInput): string[] {
  if (typeof item === 'string') return [item];
  return item && typeof item.name === 'string' ? [item.name] : [];
}
