/**
 * Conditional requests for what a run reads more than once (an incident's comments before and
 * after deciding, a PR's reviews): the first GET keeps GitHub's ETag, later ones send
 * If-None-Match and take the kept answer on 304, which GitHub does not count against the rate
 * limit. The cache lives as long as the client: one run.
 */
interface CachedResponse {
  etag: string;
  response: { status: number; url: string; headers: Record<string, unknown>; data: unknown };
}

type Request = (options: Record<string, any>) => Promise<CachedResponse['response']>;

const NOT_PARAMETERS = new Set(['method', 'url', 'baseUrl', 'headers', 'request', 'mediaType']);

export function etagCache(octokit: { hook: { wrap: (...args: any[]) => void } }) {
  const cache = new Map<string, CachedResponse>();
  octokit.hook.wrap('request', async (request: Request, options: Record<string, any>) => {
    if (options.method !== 'GET') {
      // A write may change what was read: forget it all rather than serve a stale answer.
      cache.clear();
      return request(options);
    }
    const parameters = Object.entries(options).filter(([name]) => !NOT_PARAMETERS.has(name));
    const key = JSON.stringify([options.baseUrl, options.url, parameters]);
    const cached = cache.get(key);
    if (cached) options.headers = { ...options.headers, 'if-none-match': cached.etag };
    try {
      const response = await request(options);
      const etag = response.headers.etag;
      if (typeof etag === 'string') cache.set(key, { etag, response });
      return response;
    } catch (err) {
      if ((err as { status?: number }).status === 304 && cached) return cached.response;
      throw err;
    }
  });
}
