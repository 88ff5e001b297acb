import type { Problem } from './schemas.js';

/** Every error the API answers with: one shape, a stable code, and JSON pointers for bad input. */
export interface ErrorBody {
  error: { code: string; message: string; details?: Problem[] };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Problem[],
    /** Extra response headers (Retry-After for 429). */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  body(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.details?.length ? { details: this.details } : {}) } };
  }
}

export const badRequest = (message: string, details?: Problem[]) => new ApiError(400, 'invalid_request', message, details);
export const unauthorized = (message: string) => new ApiError(401, 'unauthorized', message, undefined, { 'www-authenticate': 'Bearer' });
export const forbidden = (message: string) => new ApiError(403, 'forbidden', message);
export const notFound = (message: string) => new ApiError(404, 'not_found', message);

/** Move problems found in one message of a batch under its pointer (/messages/3/text). */
export function underPointer(prefix: string, e: unknown): unknown {
  if (!(e instanceof ApiError) || !prefix || !e.details) return e;
  return new ApiError(e.status, e.code, e.message, e.details.map((d) => ({ pointer: prefix + d.pointer, message: d.message })), e.headers);
}

/**
 * Turn what fastify throws before a handler runs (body parsing, limits) into the
 * API's shape. Messages are written here rather than passed on: a JSON syntax
 * error's message quotes the body, and the body may hold personal data.
 */
export function fromFrameworkError(err: { code?: string; statusCode?: number; name?: string }): ApiError {
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiError(413, 'payload_too_large', 'request body is larger than the configured limit (server.limits.bodyBytes)');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiError(415, 'unsupported_media_type', 'send the body as application/json');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return badRequest('request body is not valid JSON', [{ pointer: '', message: 'not valid JSON' }]);
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return badRequest('request body is empty', [{ pointer: '', message: 'a JSON object is required' }]);
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return badRequest('Content-Length does not match the body');
    case 'FST_ERR_BAD_URL':
    case 'FST_ERR_ASYNC_CONSTRAINT':
      return badRequest('malformed request URL');
  }
  if (err.name === 'SyntaxError' || (err.statusCode === 400 && err.code === undefined)) {
    return badRequest('request body is not valid JSON', [{ pointer: '', message: 'not valid JSON' }]);
  }
  if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
    return new ApiError(err.statusCode, 'invalid_request', 'the request could not be processed');
  }
  return new ApiError(500, 'internal', 'internal error');
}

/** A problem with how the server was asked to start (the CLI exits 2, as for a usage error). */
export class ServeError extends Error {
  override name = 'ServeError';
}
