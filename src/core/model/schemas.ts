/**
 * JSON Schemas of every file an on-call repository holds. They are the one source of truth:
 * the loader validates with them and the TypeScript types below are inferred from them, so a
 * field added here is typed everywhere without a second, hand-kept copy.
 */
import type { FromSchema } from 'json-schema-to-ts';

const isoDate = {
  type: 'string',
  format: 'date',
  description: 'a calendar date, YYYY-MM-DD',
} as const;

/** Wall-clock time in the rotation's timezone, or an instant with an explicit offset. */
const localDateTime = {
  type: 'string',
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?(Z|[+-]\\d{2}:\\d{2})?$',
  description:
    'a date-time like 2026-12-09T18:00, wall clock in the rotation timezone unless it has an offset',
} as const;

const clockTime = {
  type: 'string',
  pattern: '^([01]\\d|2[0-3]):[0-5]\\d$',
  description: 'a time of day, HH:MM, 24-hour',
} as const;

const login = {
  type: 'string',
  pattern: '^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$',
  description: 'a GitHub login',
} as const;

const id = {
  type: 'string',
  pattern: '^[a-z0-9][a-z0-9-]{0,49}$',
  description: 'a lowercase id: letters, digits and dashes',
} as const;

const timezone = {
  type: 'string',
  minLength: 1,
  maxLength: 64,
  description: 'an IANA timezone like America/New_York',
} as const;

/** How a person can be notified of a page. Only slack is delivered today; push, sms and voice are planned. */
export const notifyMethods = ['slack', 'push', 'sms', 'voice'] as const;

const notifyMethodList = {
  type: 'array',
  items: { enum: notifyMethods },
  uniqueItems: true,
  description: 'notification methods: slack, push, sms, voice',
} as const;

/**
 * Notification rules: the steps a page follows until someone acknowledges, each `after` minutes
 * from the page. In rotation.yaml the default; on a person in people.yaml their own, in its place.
 */
const notifyRules = {
  type: 'array',
  minItems: 1,
  maxItems: 20,
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['after', 'via'],
    properties: {
      after: {
        type: 'integer',
        minimum: 0,
        maximum: 1440,
        description: 'minutes after the page, 0 to 1440',
      },
      via: { ...notifyMethodList, minItems: 1 },
    },
  },
  description: 'a list of steps like { after: 0, via: [slack, push] }',
} as const;

export const peopleSchema = {
  $id: 'people',
  type: 'object',
  additionalProperties: false,
  required: ['people'],
  properties: {
    people: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['github', 'name', 'team', 'timezone'],
        properties: {
          github: login,
          name: { type: 'string', minLength: 1, maxLength: 200 },
          team: id,
          timezone,
          slack: {
            type: 'string',
            pattern: '^[UW][A-Z0-9]{2,20}$',
            description: 'a Slack member id like U01ALICE',
          },
          email: { type: 'string', format: 'email', maxLength: 254 },
          joined: isoDate,
          left: isoDate,
          away: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['from', 'to'],
              properties: {
                from: isoDate,
                to: isoDate,
                reason: { type: 'string', maxLength: 200 },
              },
            },
          },
          notify: notifyRules,
        },
      },
    },
  },
} as const;

/** A fairness rule is a bare value, or `{ value, enforce }` to choose error or warning. */
function rule<const V extends object>(value: V) {
  return {
    anyOf: [
      value,
      {
        type: 'object',
        additionalProperties: false,
        required: ['value'],
        properties: { value, enforce: { enum: ['error', 'warning'] } },
      },
    ],
  } as const;
}

const count = { type: 'integer', minimum: 0, maximum: 1000 } as const;

export const weekdays = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;
export const shortWeekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export const rotationSchema = {
  $id: 'rotation',
  type: 'object',
  additionalProperties: false,
  required: ['name', 'members', 'slots', 'timezone', 'shift', 'start', 'publish_weeks_ahead'],
  properties: {
    name: id,
    members: {
      type: 'object',
      additionalProperties: false,
      properties: {
        teams: { type: 'array', items: id, uniqueItems: true },
        include: { type: 'array', items: login, uniqueItems: true },
        exclude: { type: 'array', items: login, uniqueItems: true },
      },
    },
    slots: { type: 'array', items: id, minItems: 1, maxItems: 4, uniqueItems: true },
    timezone,
    shift: {
      type: 'object',
      additionalProperties: false,
      required: ['length_days', 'handoff'],
      properties: {
        length_days: { type: 'integer', minimum: 1, maximum: 28 },
        handoff: {
          type: 'object',
          additionalProperties: false,
          required: ['weekday', 'time'],
          properties: { weekday: { enum: weekdays }, time: clockTime },
        },
      },
    },
    start: isoDate,
    publish_weeks_ahead: { type: 'integer', minimum: 4, maximum: 104 },
    work_hours: {
      type: 'object',
      additionalProperties: false,
      required: ['days', 'start', 'end'],
      properties: {
        days: { type: 'array', items: { enum: shortWeekdays }, uniqueItems: true },
        start: clockTime,
        end: clockTime,
      },
    },
    holidays: {
      type: 'string',
      pattern: '^[A-Z]{2}(/[A-Za-z0-9-]+)?$',
      description: 'a country code like US or US/CA',
    },
    admins: { type: 'array', items: login, uniqueItems: true },
    rules: {
      type: 'object',
      additionalProperties: false,
      properties: {
        min_gap_shifts: rule(count),
        distinct_teams: rule({ type: 'boolean' }),
        experienced_partner: rule(count),
        min_tenure_days: rule(count),
        balance: rule({ type: 'number', minimum: 0, maximum: 1000 }),
        avoid_repeat_pairs: rule(count),
      },
    },
    escalation: {
      type: 'object',
      additionalProperties: false,
      required: ['ack_minutes', 'steps'],
      properties: {
        ack_minutes: { type: 'integer', minimum: 1, maximum: 1440 },
        steps: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'string',
            pattern: '^([a-z0-9][a-z0-9-]*|point_people|(team|user):[A-Za-z0-9][A-Za-z0-9-]*)$',
          },
        },
      },
    },
    page_budget: {
      type: 'object',
      additionalProperties: false,
      description:
        "most pages sent for one incident, and for the incidents of one reporter in an hour; the first page of a member's sev:1 is never held back",
      properties: {
        per_incident: { type: 'integer', minimum: 1, maximum: 100 },
        per_reporter_hour: { type: 'integer', minimum: 1, maximum: 100 },
      },
    },
    notify: notifyRules,
    /** The methods a sev:2 page may use while the paged person is in work hours (default: no voice). */
    sev2_work_hours_via: notifyMethodList,
    slack: {
      type: 'object',
      additionalProperties: false,
      properties: {
        usergroup: { type: 'string', pattern: '^S[A-Z0-9]{2,20}$' },
        channel: { type: 'string', pattern: '^[CG][A-Z0-9]{2,20}$' },
      },
    },
  },
} as const;

export const scheduleSchema = {
  $id: 'schedule',
  type: 'object',
  additionalProperties: false,
  required: ['rotation', 'shifts'],
  properties: {
    rotation: id,
    shifts: {
      type: 'array',
      items: {
        type: 'object',
        required: ['start'],
        // The other keys are the rotation's slots; which ones is checked against rotation.yaml.
        properties: { start: isoDate },
        additionalProperties: login,
      },
    },
    overrides: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['from', 'to', 'replace', 'with'],
        properties: {
          from: localDateTime,
          to: localDateTime,
          replace: login,
          with: login,
          reason: { type: 'string', maxLength: 200 },
        },
      },
    },
  },
} as const;

export const playbookSchema = {
  $id: 'playbook',
  type: 'object',
  additionalProperties: false,
  required: ['system', 'title', 'team', 'point_people'],
  properties: {
    system: id,
    title: { type: 'string', minLength: 1, maxLength: 200 },
    team: id,
    point_people: { type: 'array', items: login, uniqueItems: true },
  },
} as const;

export type PeopleFile = FromSchema<typeof peopleSchema>;
export type Person = PeopleFile['people'][number];
export type AwayPeriod = NonNullable<Person['away']>[number];
export type RotationFile = FromSchema<typeof rotationSchema>;
export type ScheduleFile = FromSchema<typeof scheduleSchema>;
export type ShiftEntry = ScheduleFile['shifts'][number];
export type OverrideEntry = NonNullable<ScheduleFile['overrides']>[number];
export type PlaybookFrontMatter = FromSchema<typeof playbookSchema>;
export type Weekday = (typeof weekdays)[number];
export type ShortWeekday = (typeof shortWeekdays)[number];
export type NotifyMethod = (typeof notifyMethods)[number];
export type NotifyRules = NonNullable<RotationFile['notify']>;
export type NotifyStep = NotifyRules[number];
export type RuleName = keyof NonNullable<RotationFile['rules']>;
