// Fetch wrapper for /operator/api: adds the bearer token, turns error bodies ({code, message}) into
// ApiError and shows their message to the operator.
import { ElMessage } from 'element-plus'
import { getToken, login } from '@/auth'
import { i18n } from '@/i18n'

/** Fixed by the server, independent of where the bundle itself is served from. */
export const API_BASE = '/operator/api'

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

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE'
  body?: unknown
  query?: Record<string, string | number | undefined | null>
  /** Don't show the error message; the caller handles it (e.g. background polling). */
  quiet?: boolean
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  try {
    return await send<T>(path, options)
  } catch (error) {
    if (!options.quiet) showError(error)
    throw error
  }
}

/** Shows an error the way every page does: the server's message, else a generic one. */
export function showError(error: unknown): void {
  if (error instanceof ApiError && error.status === 401) return // already on the way to the login page
  ElMessage.error({ message: errorMessage(error), grouping: true, showClose: true })
}

export function errorMessage(error: unknown): string {
  const t = i18n.global.t
  if (error instanceof ApiError) return error.message
  if (error instanceof TypeError) return t('error.network')
  if (error instanceof Error && error.message) return error.message
  return t('error.unknown')
}

async function send<T>(path: string, options: RequestOptions): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    Authorization: `Bearer ${await getToken()}`,
  }
  let body: string | undefined
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(options.body)
  }
  const response = await fetch(API_BASE + path + queryString(options.query), {
    method: options.method ?? 'GET',
    headers,
    body,
  })
  if (response.status === 401) {
    void login()
    throw new ApiError(401, 'UNAUTHENTICATED', i18n.global.t('error.unauthenticated'))
  }
  if (!response.ok) {
    throw await toApiError(response)
  }
  if (response.status === 204) return undefined as T
  const text = await response.text()
  return (text ? JSON.parse(text) : undefined) as T
}

async function toApiError(response: Response): Promise<ApiError> {
  const t = i18n.global.t
  let code = `HTTP_${response.status}`
  let message = response.status === 403 ? t('error.forbidden') : t('error.http', { status: response.status })
  try {
    const body = (await response.json()) as { code?: unknown; message?: unknown }
    if (typeof body.code === 'string') code = body.code
    if (typeof body.message === 'string' && body.message) message = body.message
  } catch {
    // Not JSON (a proxy's error page, an empty body): keep the generic message.
  }
  return new ApiError(response.status, code, message)
}

function queryString(query: RequestOptions['query']): string {
  if (!query) return ''
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value))
  }
  const s = params.toString()
  return s ? `?${s}` : ''
}
