/**
 * GitHub's REST API answers JSON. A proxy or load balancer in front of it sometimes answers with
 * an HTML error page (502, and now and then 200), and a dropped connection cuts a JSON answer
 * off. Octokit then hands the caller a string where an object was promised, and the caller fails
 * far away with an internal error ("Cannot use 'in' operator", a comment id `undefined`), or an
 * error message that is a whole HTML page. This fetch turns every such answer into what it is, a
 * failed request: a 502 (or its own 5xx/4xx status) with a one-line JSON message. The client then
 * does what it does for a 5xx: a read is retried, a create is looked for again, never resent.
 */
export function jsonAnswersOnly(fetchImpl: typeof fetch): typeof fetch {
  return async (input, init) => {
    const response = await fetchImpl(input, init);
    // No body by definition; a 304 is the ETag cache's.
    if ([204, 205, 304].includes(response.status) || (init?.method ?? 'GET').toUpperCase() === 'HEAD') {
      return response;
    }
    const type = (response.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    // Read a copy: a good answer goes on untouched (its url, headers and body).
    const text = await response.clone().text();
    let problem: string | undefined;
    if (text === '') {
      // Nothing to misread: passed on as it came.
    } else if (type !== 'application/json' && !type.endsWith('+json')) {
      problem = `GitHub answered ${response.status} with ${type || 'no content type'} instead of JSON (a proxy or an outage in front of the API)`;
    } else {
      try {
        JSON.parse(text);
      } catch {
        problem = `GitHub answered ${response.status} with JSON cut off after ${text.length} characters (the connection dropped)`;
      }
    }
    if (problem === undefined) return response;
    const headers = new Headers(response.headers);
    headers.set('content-type', 'application/json; charset=utf-8');
    headers.delete('content-length');
    headers.delete('etag');
    const status = response.status >= 400 ? response.status : 502;
    return new Response(JSON.stringify({ message: problem }), { status, statusText: 'Bad Gateway', headers });
  };
}
