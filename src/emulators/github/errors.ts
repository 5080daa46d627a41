/** GitHub-style error answers: a status, a message and, for 422, the fields that failed. */

export const DOCS_URL = 'https://docs.github.com/rest';

export interface FieldError {
  resource: string;
  field?: string;
  code: 'missing' | 'missing_field' | 'invalid' | 'already_exists' | 'unprocessable' | 'custom';
  message?: string;
}

export class GitHubError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Field errors; some endpoints (reviews, for one) send plain strings instead. */
    readonly errors: Array<FieldError | string> = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  /** The JSON body GitHub sends with this error. */
  body(): Record<string, unknown> {
    const body: Record<string, unknown> = { message: this.message };
    if (this.errors.length) body.errors = this.errors;
    body.documentation_url = DOCS_URL;
    body.status = String(this.status);
    return body;
  }
}

export const notFound = (): GitHubError => new GitHubError(404, 'Not Found');

export const validationFailed = (...errors: FieldError[]): GitHubError =>
  new GitHubError(422, 'Validation Failed', errors);

/** The message GitHub gives for each status we inject, close to the real wording. */
export function defaultMessage(status: number): string {
  switch (status) {
    case 400:
      return 'Bad Request';
    case 401:
      return 'Requires authentication';
    case 403:
      return 'Resource not accessible by integration';
    case 404:
      return 'Not Found';
    case 409:
      return 'Conflict';
    case 422:
      return 'Validation Failed';
    case 429:
      return 'Too Many Requests';
    case 500:
      return 'Server Error';
    case 502:
      return 'Server Error';
    case 503:
      return 'Service Unavailable';
    default:
      return status >= 500 ? 'Server Error' : 'Error';
  }
}

/** A request GitHub would answer but the emulator cannot: refused loudly and recorded, never guessed. */
export class Unsupported extends Error {}
