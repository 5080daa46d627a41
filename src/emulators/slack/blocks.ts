/**
 * The Block Kit checks Slack makes on the blocks this project sends: block count, known block
 * types, text objects and their length limits. Problems read like Slack's own, each with a JSON
 * pointer into the blocks.
 */

const MAX_BLOCKS = 50;

/** Length as Slack counts it: characters (code points), not UTF-16 units. */
export function charCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

export function checkBlocks(blocks: unknown): string[] {
  const problems: string[] = [];
  const at = (pointer: string, message: string) => problems.push(`${message} [json-pointer:${pointer}]`);
  if (!Array.isArray(blocks)) {
    at('/blocks', 'must provide an array');
    return problems;
  }
  if (blocks.length > MAX_BLOCKS) at('/blocks', `must provide no more than ${MAX_BLOCKS} items`);
  const blockIds = new Set<string>();
  blocks.forEach((block, index) => {
    const pointer = `/blocks/${index}`;
    if (!isObject(block) || typeof block.type !== 'string') {
      at(pointer, 'must provide an object with a string "type"');
      return;
    }
    if (block.block_id !== undefined) {
      if (typeof block.block_id !== 'string' || charCount(block.block_id) > 255) {
        at(`${pointer}/block_id`, 'must be a string of at most 255 characters');
      } else if (blockIds.has(block.block_id)) {
        at(`${pointer}/block_id`, `duplicate block_id "${block.block_id}"`);
      } else blockIds.add(block.block_id);
    }
    checkBlock(block, pointer, at);
  });
  return problems;
}

type Report = (pointer: string, message: string) => void;

function checkBlock(block: Record<string, unknown>, pointer: string, at: Report): void {
  switch (block.type) {
    case 'header':
      checkText(block.text, `${pointer}/text`, at, { max: 150, plainOnly: true, required: true });
      return;
    case 'section': {
      if (block.text === undefined && block.fields === undefined) {
        at(pointer, 'must provide "text" or "fields"');
      }
      if (block.text !== undefined) checkText(block.text, `${pointer}/text`, at, { max: 3000 });
      if (block.fields !== undefined) {
        if (!Array.isArray(block.fields) || block.fields.length === 0 || block.fields.length > 10) {
          at(`${pointer}/fields`, 'must provide an array of 1 to 10 text objects');
        } else {
          block.fields.forEach((field, i) => {
            checkText(field, `${pointer}/fields/${i}`, at, { max: 2000, required: true });
          });
        }
      }
      return;
    }
    case 'context': {
      const elements = block.elements;
      if (!Array.isArray(elements) || elements.length === 0 || elements.length > 10) {
        at(`${pointer}/elements`, 'must provide an array of 1 to 10 elements');
        return;
      }
      elements.forEach((element, i) => {
        const where = `${pointer}/elements/${i}`;
        if (isObject(element) && element.type === 'image') checkImage(element, where, at);
        else checkText(element, where, at, { max: 3000, required: true });
      });
      return;
    }
    case 'actions': {
      const elements = block.elements;
      if (!Array.isArray(elements) || elements.length === 0 || elements.length > 25) {
        at(`${pointer}/elements`, 'must provide an array of 1 to 25 elements');
      }
      return;
    }
    case 'image':
      checkImage(block, pointer, at);
      return;
    case 'markdown':
      if (typeof block.text !== 'string' || charCount(block.text) > 12000) {
        at(`${pointer}/text`, 'must provide a string of at most 12000 characters');
      }
      return;
    case 'divider':
    case 'rich_text':
    case 'input':
    case 'file':
    case 'video':
      return;
    default:
      at(`${pointer}/type`, `unsupported block type "${String(block.type)}"`);
  }
}

function checkText(
  value: unknown,
  pointer: string,
  at: Report,
  rule: { max: number; plainOnly?: boolean; required?: boolean },
): void {
  if (value === undefined) {
    if (rule.required) at(pointer, 'must provide a text object');
    return;
  }
  if (!isObject(value) || (value.type !== 'plain_text' && value.type !== 'mrkdwn')) {
    at(`${pointer}/type`, 'must be "plain_text" or "mrkdwn"');
    return;
  }
  if (rule.plainOnly && value.type !== 'plain_text') at(`${pointer}/type`, 'must be "plain_text"');
  if (typeof value.text !== 'string' || value.text.length === 0) {
    at(`${pointer}/text`, 'must be more than 0 characters');
    return;
  }
  const length = charCount(value.text);
  if (length > rule.max) at(`${pointer}/text`, `must be less than ${rule.max + 1} characters`);
}

function checkImage(value: Record<string, unknown>, pointer: string, at: Report): void {
  if (typeof value.image_url !== 'string' && !isObject(value.slack_file)) {
    at(`${pointer}/image_url`, 'must provide "image_url" or "slack_file"');
  }
  if (typeof value.alt_text !== 'string') at(`${pointer}/alt_text`, 'must provide a string');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
