/**
 * Public holidays from date-holidays, for a rotation's `holidays: COUNTRY[/STATE]`. Loaded on
 * demand: the data is large and most commands never need it.
 */
export interface HolidayCalendar {
  /** YYYY-MM-DD dates of public holidays in [fromYear, toYear]. */
  dates(fromYear: number, toYear: number): Set<string>;
}

export async function holidayCalendar(region: string): Promise<HolidayCalendar | undefined> {
  const { default: Holidays } = await import('date-holidays');
  const [country, state] = region.split('/');
  const known = new Holidays().getCountries();
  if (!country || !known[country]) return undefined;
  if (state && !new Holidays().getStates(country)?.[state]) return undefined;
  const calendar = state ? new Holidays(country, state) : new Holidays(country);
  return {
    dates(fromYear, toYear) {
      const dates = new Set<string>();
      for (let year = fromYear; year <= toYear; year += 1) {
        for (const holiday of calendar.getHolidays(year)) {
          if (holiday.type === 'public') dates.add(holiday.date.slice(0, 10));
        }
      }
      return dates;
    },
  };
}
