// Writes the schema validators as ajv standalone code, for the build to use in place of
// src/core/model/schema-validators.ts (which compiles them at first use when running from source).
import { mkdirSync, writeFileSync } from 'node:fs';
import { _, Ajv } from 'ajv';
import standaloneModule from 'ajv/dist/standalone/index.js';
import addFormatsModule from 'ajv-formats';
import { AJV_OPTIONS, FORMATS, SCHEMAS } from '../src/core/model/schema-validators.js';

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const standaloneCode = standaloneModule as unknown as typeof standaloneModule.default;

const out = process.argv[2] ?? '.build/schema-validators.js';
const ajv = new Ajv({
  ...AJV_OPTIONS,
  code: { source: true, esm: true, formats: _`require("ajv-formats/dist/formats").fullFormats` },
});
addFormats(ajv, [...FORMATS]);
for (const schema of Object.values(SCHEMAS)) ajv.addSchema(schema);
const code = standaloneCode(ajv, Object.fromEntries(Object.keys(SCHEMAS).map((name) => [name, name])));
mkdirSync(out.replace(/\/[^/]+$/, ''), { recursive: true });
writeFileSync(
  out,
  `${code}\nexport function schemaValidators() { return { ${Object.keys(SCHEMAS).join(', ')} }; }\n`,
);
