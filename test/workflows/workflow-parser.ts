// GitHub's own workflow and action.yml parser (@actions/workflow-parser), loaded so it works under
// vitest on Node 20.
//
// The package imports its JSON schemas with a bare `import schema from "../workflow-v1.0.min.json"`,
// without the `with { type: "json" }` attribute that Node's ESM loader requires, so a plain import
// fails with ERR_IMPORT_ASSERTION_TYPE_MISSING. Vitest loads node_modules natively, so we register a
// small loader hook (node:module register, Node >= 20.6) that adds the attribute to that package's JSON
// files only, then import the package. The alternative, inlining it through vite
// (`server.deps.inline`), would touch the shared vitest config for one test and floods the log with
// source-map warnings.
import { register } from 'node:module';

const ADD_JSON_ATTRIBUTE = `
export async function load(url, context, nextLoad) {
  if (url.includes('/@actions/workflow-parser/') && url.endsWith('.json') && context.importAttributes?.type === undefined) {
    return nextLoad(url, { ...context, importAttributes: { ...context.importAttributes, type: 'json' } });
  }
  return nextLoad(url, context);
}`;

register(`data:text/javascript,${encodeURIComponent(ADD_JSON_ATTRIBUTE)}`);

const workflows = await import('@actions/workflow-parser');
const actions = await import('@actions/workflow-parser/actions/index');

/** Every error GitHub's parser reports for a workflow: schema, expressions, then the conversion. */
export async function workflowErrors(file: string, content: string): Promise<string[]> {
  const result = workflows.parseWorkflow({ name: file, content }, new workflows.NoOperationTraceWriter());
  const errors = result.context.errors.getErrors().map((error) => error.message);
  if (errors.length > 0 || result.value === undefined) {
    return errors.length > 0 ? errors : [`${file}: the parser returned no workflow`];
  }
  const template = await workflows.convertWorkflowTemplate(result.context, result.value);
  return (template.errors ?? []).map((error) => error.Message);
}

/** Every error GitHub's parser reports for an action's action.yml. */
export function actionErrors(file: string, content: string): string[] {
  const result = actions.parseAction({ name: file, content }, new workflows.NoOperationTraceWriter());
  const errors = result.context.errors.getErrors().map((error) => error.message);
  if (errors.length === 0 && result.value === undefined) return [`${file}: the parser returned no action`];
  return errors;
}
