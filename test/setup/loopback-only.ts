/**
 * No test talks to anything but this machine: a connection to any host that is not loopback fails
 * the test that made it, before a packet leaves.
 */
import net from 'node:net';

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|::1|::ffff:127(\.\d{1,3}){3})$/i;

/** Where a Socket#connect call would go: a host, or undefined for a local (IPC) path. */
export function connectTarget(args: readonly unknown[]): string | undefined {
  // net.createConnection passes its normalized arguments as one array.
  const list = Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
  const [first, second] = list;
  if (typeof first === 'object' && first !== null) {
    const options = first as { host?: string; path?: string };
    if (options.path) return undefined;
    return options.host ?? 'localhost';
  }
  if (typeof first === 'string' && !/^\d+$/.test(first)) return undefined; // an IPC path
  return typeof second === 'string' ? second : 'localhost';
}

export function isLoopback(host: string | undefined): boolean {
  return host === undefined || LOOPBACK.test(host);
}

const connect = net.Socket.prototype.connect as (...args: unknown[]) => net.Socket;
net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
  const host = connectTarget(args);
  if (!isLoopback(host))
    throw new Error(`tests may only connect to loopback; refused a connection to ${host}`);
  return connect.apply(this, args);
} as typeof net.Socket.prototype.connect;
