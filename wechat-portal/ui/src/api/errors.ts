import { i18n } from '@/i18n'

/** An error answer of the API ({code, message}), or a transport failure turned into one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

export function errorMessage(error: unknown): string {
  const t = i18n.global.t
  if (error instanceof ApiError) return error.message
  if (error instanceof TypeError) return t('error.network')
  if (error instanceof Error && error.message) return error.message
  return t('error.unknown')
}

export async function toApiError(response: Response): Promise<ApiError> {
  const t = i18n.global.t
  let code = `HTTP_${response.status}`
  let message =
    response.status === 403
      ? t('error.forbidden')
      : response.status === 401
        ? t('error.unauthenticated')
        : t('error.http', { status: response.status })
  try {
    const body = (await response.json()) as { code?: unknown; message?: unknown }
    if (typeof body.code === 'string') code = body.code
    if (typeof body.message === 'string' && body.message) message = body.message
  } catch {
    // Not JSON (a proxy's error page, an empty body): keep the generic message.
  }
  return new ApiError(response.status, code, message)
}

export async function readJson<T>(response: Response): Promise<T> {
  if (response.status === 204) return undefined as T
  const text = await response.text()
  return (text ? JSON.parse(text) : undefined) as T
}
