/** Reading a request body and writing a JSON answer on node:http. */
import type { IncomingMessage, ServerResponse } from 'node:http';

const MAX_BODY_BYTES = 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new Error('request body over 1 MiB');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function send(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  text?: string,
): void {
  const all: Record<string, string> = { ...headers };
  if (text !== undefined) {
    all['content-type'] = 'application/json; charset=utf-8';
    all['content-length'] = String(Buffer.byteLength(text));
  }
  res.writeHead(status, all);
  res.end(text);
}
