// Fetch wrapper for /admin/api: adds the bearer token, turns error bodies ({code, message, fields}) into
// ApiError and shows their message.
import { ElMessage } from 'element-plus'
import { getToken, login } from '@/auth'
import { i18n } from '@/i18n'

/** Fixed by the server, independent of where the bundle itself is served from. */
export const API_BASE = '/admin/api'

export interface FieldProblem {
  field: string
  message: string
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldProblem[] = [],
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

export type Query = Record<string, string | number | boolean | undefined | null>

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE'
  /** JSON body, or FormData sent as multipart. */
  body?: unknown
  query?: Query
  /** Don't show the error message; the caller handles it (e.g. background polling, 404 = not built yet). */
  quiet?: boolean
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await call(path, options)
  if (response.status === 204) return undefined as T
  const text = await response.text()
  return (text ? JSON.parse(text) : undefined) as T
}

export interface DownloadedFile {
  blob: Blob
  fileName: string | null
}

/** A file behind the bearer token (posters, templates, problem rows): fetched as a blob. */
export async function download(path: string, options: RequestOptions = {}): Promise<DownloadedFile> {
  const response = await call(path, options)
  return { blob: await response.blob(), fileName: fileNameOf(response.headers.get('Content-Disposition')) }
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

/** `fields` of a rejected request by field name, for ElFormItem's `error` prop; {} for other errors. */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  const result: Record<string, string> = {}
  if (!(error instanceof ApiError)) return result
  for (const problem of error.fields) {
    if (problem.field && !(problem.field in result)) result[problem.field] = problem.message
  }
  return result
}

/** filename*=UTF-8''… (RFC 5987, Chinese names) first, else filename="…". */
export function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition)
  if (extended) {
    try {
      return decodeURIComponent(extended[1].trim())
    } catch {
      // Fall through to the plain name.
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(disposition)
  return plain ? plain[1].trim() : null
}

export function queryString(query: Query | undefined): string {
  if (!query) return ''
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value))
  }
  const s = params.toString()
  return s ? `?${s}` : ''
}

async function call(path: string, options: RequestOptions): Promise<Response> {
  try {
    return await send(path, options)
  } catch (error) {
    if (!options.quiet) showError(error)
    throw error
  }
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = {
    Accept: 'application/json, */*',
    'Accept-Language': i18n.global.locale.value === 'en' ? 'en' : 'zh-CN',
    Authorization: `Bearer ${await getToken()}`,
  }
  let body: BodyInit | undefined
  if (options.body instanceof FormData) {
    body = options.body // the browser sets the multipart boundary
  } else if (options.body !== undefined) {
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
  if (!response.ok) throw await toApiError(response)
  return response
}

async function toApiError(response: Response): Promise<ApiError> {
  const t = i18n.global.t
  let code = `HTTP_${response.status}`
  let message = response.status === 403 ? t('error.forbidden') : t('error.http', { status: response.status })
  let fields: FieldProblem[] = []
  try {
    const body = (await response.json()) as { code?: unknown; message?: unknown; fields?: unknown }
    if (typeof body.code === 'string') code = body.code
    if (typeof body.message === 'string' && body.message) message = body.message
    if (Array.isArray(body.fields)) {
      fields = body.fields.filter(
        (f): f is FieldProblem => typeof f?.field === 'string' && typeof f?.message === 'string',
      )
    }
  } catch {
    // Not JSON (a proxy's error page, an empty body): keep the generic message.
  }
  return new ApiError(response.status, code, message, fields)
}
