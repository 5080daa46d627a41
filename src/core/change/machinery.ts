/**
 * The machinery: the files the check itself and every other job run from. A change to them changes
 * the rules every other change is judged by, so it needs a code owner, whatever else it touches.
 * CODEOWNERS itself is machinery wherever GitHub would read it from.
 */

const MACHINERY = [/^\.github\//, /^actions\//, /^dist\//, /^package[^/]*\.json$/, /^(docs\/)?CODEOWNERS$/];

export function isMachinery(file: string): boolean {
  return MACHINERY.some((pattern) => pattern.test(file));
}
