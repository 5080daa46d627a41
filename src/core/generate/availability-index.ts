/**
 * Fast "can this person be on call for [from, to)?" for the generator, which asks it for every
 * candidate of every shift: away, joined and left as millisecond intervals, plus the person's
 * shifts in other rotations (nobody is on call in two rotations at once).
 */
import { type Unavailable, unavailability } from '../model/availability.js';
import type { Person } from '../model/schemas.js';

export interface Busy {
  from: number;
  to: number;
  why: string;
}

/**
 * A person's away, joined and left periods as milliseconds, by roster entry. Reading them means a
 * zone-aware date conversion per period (the costly part for a large roster), and one command
 * builds several indexes over the same roster (the planner's, the balance summary's), so each
 * entry is converted once. Roster entries are parsed files, never changed after loading.
 */
const periodsOf = new WeakMap<Person, readonly Busy[]>();

function rosterPeriods(person: Person): readonly Busy[] {
  let periods = periodsOf.get(person);
  if (!periods) {
    periods = unavailability(person).map((period) => toBusy(period));
    periodsOf.set(person, periods);
  }
  return periods;
}

export class AvailabilityIndex {
  private readonly busy = new Map<string, Busy[]>();

  constructor(people: readonly Person[], keyOf: (login: string) => string) {
    // A copy per index: addBusy() appends to it.
    for (const person of people) this.busy.set(keyOf(person.github), [...rosterPeriods(person)]);
  }

  addBusy(key: string, busy: Busy): void {
    const list = this.busy.get(key);
    if (list) list.push(busy);
    else this.busy.set(key, [busy]);
  }

  /** Why the person cannot take [from, to), or undefined when they can. */
  conflict(key: string, from: number, to: number): string | undefined {
    for (const busy of this.busy.get(key) ?? []) {
      if (busy.from < to && from < busy.to) return busy.why;
    }
    return undefined;
  }
}

function toBusy(period: Unavailable): Busy {
  return {
    from: period.from?.toMillis() ?? Number.NEGATIVE_INFINITY,
    to: period.to?.toMillis() ?? Number.POSITIVE_INFINITY,
    why: period.label,
  };
}
