/** A REST failure: the HTTP status plus the `{error, error_description}` body (and extras such as `argument`). */
export class RestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | number,
    readonly description: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(`${code}: ${description}`)
  }

  body(): Record<string, unknown> {
    return { error: this.code, error_description: this.description, ...this.extra }
  }
}

/** Legacy crm.deal / crm.lead / crm.currency errors: HTTP 400 with an empty code. */
export const legacyError = (description: string): RestError => new RestError(400, '', description)

export const argumentError = (argument: string): RestError =>
  new RestError(400, 'ERROR_ARGUMENT', `Argument '${argument}' is null or empty`, { argument })

export const accessDenied = (description = 'Access denied'): RestError =>
  new RestError(403, 'ACCESS_DENIED', description)

/** Methods that need an application (OAuth) context, not a webhook. */
export const wrongAuthType = (): RestError =>
  new RestError(
    403,
    'WRONG_AUTH_TYPE',
    'Current authorization type is denied for this method Application context required',
  )
