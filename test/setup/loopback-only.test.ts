import http from 'node:http';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { connectTarget, isLoopback } from './loopback-only.js';

describe('the loopback-only guard', () => {
  it('is installed for every test file', () => {
    expect(net.Socket.prototype.connect.name).toBe('guardedConnect');
  });

  // The decision is tested on the arguments alone, so a broken guard never sends a packet.
  it.each([
    [[{ host: '203.0.113.7', port: 443 }], false],
    [[[{ host: 'api.github.com', port: 443 }, null]], false],
    [[443, 'slack.com'], false],
    [[{ host: '10.0.0.1', port: 80 }], false],
    [[{ host: '127.0.0.1', port: 8080 }], true],
    [[[{ host: 'localhost', port: 8080 }, null]], true],
    [[{ host: '::1', port: 80 }], true],
    [[{ path: '/tmp/socket' }], true],
    [[8080], true],
  ])('connect(%j) allowed: %s', (args, allowed) => {
    expect(isLoopback(connectTarget(args as unknown[]))).toBe(allowed);
  });

  it('lets a real loopback request through', async () => {
    const server = http.createServer((_request, response) => response.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const body = await (await fetch(`http://127.0.0.1:${port}/`)).text();
    server.close();
    expect(body).toBe('ok');
  });
});
