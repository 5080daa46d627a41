/**
 * The ajv validators of the file schemas. Compiled here at first use when running from source
 * (tests, tsx); the build replaces this module with the same validators compiled ahead of time
 * (ajv standalone code, see scripts/build.mjs), so the CLI and the Actions start without
 * compiling schemas.
 */
import { Ajv, type Options, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { peopleSchema, playbookSchema, rotationSchema, scheduleSchema } from './schemas.js';

export type SchemaName = 'people' | 'rotation' | 'schedule' | 'playbook';

// ajv-formats is published as CommonJS with a default export.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

export const SCHEMAS = {
  people: peopleSchema,
  rotation: rotationSchema,
  schedule: scheduleSchema,
  playbook: playbookSchema,
};

/** The options the validators are compiled with, ahead of time or at first use. */
export const AJV_OPTIONS: Options = { allErrors: true, strict: true, allowUnionTypes: true, verbose: true };
export const FORMATS = ['date', 'email'] as const;

export function schemaValidators(): Record<SchemaName, ValidateFunction> {
  const ajv = new Ajv(AJV_OPTIONS);
  addFormats(ajv, [...FORMATS]);
  return {
    people: ajv.compile(SCHEMAS.people),
    rotation: ajv.compile(SCHEMAS.rotation),
    schedule: ajv.compile(SCHEMAS.schedule),
    playbook: ajv.compile(SCHEMAS.playbook),
  };
}
