/** A refusal or failure of an API call, as the API describes it: `{ error: { code, message, details } }`. */
export interface FieldProblem {
  /** The field's name in the form, without the API's `body.` / `query.` prefix. */
  readonly field: string;
  readonly code: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(`${status} ${code}`);
    this.name = 'ApiError';
  }

  /** `details.fields[]` of a 400 VALIDATION_FAILED, by form field. */
  get fields(): FieldProblem[] {
    const fields = Array.isArray(this.details.fields) ? this.details.fields : [];
    return fields.flatMap((entry: unknown) => {
      const { path, code } = (entry ?? {}) as { path?: unknown; code?: unknown };
      if (typeof path !== 'string') return [];
      return [{ field: path.replace(/^(body|query|params)\./, ''), code: typeof code === 'string' ? code : 'invalid' }];
    });
  }

  /** The answer's body, whatever it held: an error body of the API, or anything else (a proxy's page). */
  static fromResponse(response: Response, body: unknown): ApiError {
    const error = (body as { error?: { code?: unknown; details?: unknown } } | undefined)?.error;
    const code = typeof error?.code === 'string' ? error.code : response.status >= 500 ? 'INTERNAL_ERROR' : `HTTP_${response.status}`;
    const details = error?.details && typeof error.details === 'object' ? (error.details as Record<string, unknown>) : {};
    return new ApiError(response.status, code, details);
  }

  static network(): ApiError {
    return new ApiError(0, 'NETWORK');
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;
