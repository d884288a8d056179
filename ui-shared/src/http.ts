// The consoles' fetch wrapper: adds the bearer token and the UI language, turns error bodies
// ({code, message, fields}) into ApiError and shows their message. Each console makes one client for its API
// prefix with createApiClient, passing its own sign-in and i18n (so tests can replace either).
import { ElMessage } from 'element-plus'

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

export interface DownloadedFile {
  blob: Blob
  fileName: string | null
}

/** The messages the client needs: error.network, error.unknown, error.unauthenticated, error.forbidden, error.http. */
export interface ClientI18n {
  t(key: string, params?: Record<string, unknown>): string
  /** The UI language now, sent as Accept-Language ('en' or 'zh-CN'). */
  locale(): string
}

export interface ApiClientOptions {
  /** The API prefix, fixed by the server (e.g. /admin/api), independent of where the bundle is served from. */
  base: string
  getToken(): Promise<string>
  /** Sends the user to sign in again (after a 401). */
  login(): Promise<void>
  i18n: ClientI18n
}

export interface ApiClient {
  request<T>(path: string, options?: RequestOptions): Promise<T>
  /** A file behind the bearer token (posters, templates, problem rows): fetched as a blob. */
  download(path: string, options?: RequestOptions): Promise<DownloadedFile>
  /** Shows an error the way every page does: the server's message, else a generic one. */
  showError(error: unknown): void
  errorMessage(error: unknown): string
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const { base, i18n } = options

  function errorMessage(error: unknown): string {
    if (error instanceof ApiError) return error.message
    if (error instanceof TypeError) return i18n.t('error.network')
    if (error instanceof Error && error.message) return error.message
    return i18n.t('error.unknown')
  }

  function showError(error: unknown): void {
    if (error instanceof ApiError && error.status === 401) return // already on the way to the login page
    ElMessage.error({ message: errorMessage(error), grouping: true, showClose: true })
  }

  async function send(path: string, request: RequestOptions): Promise<Response> {
    const headers: Record<string, string> = {
      Accept: 'application/json, */*',
      'Accept-Language': i18n.locale() === 'en' ? 'en' : 'zh-CN',
      Authorization: `Bearer ${await options.getToken()}`,
    }
    let body: BodyInit | undefined
    if (request.body instanceof FormData) {
      body = request.body // the browser sets the multipart boundary
    } else if (request.body !== undefined) {
      headers['Content-Type'] = 'application/json'
      body = JSON.stringify(request.body)
    }
    const response = await fetch(base + path + queryString(request.query), {
      method: request.method ?? 'GET',
      headers,
      body,
    })
    if (response.status === 401) {
      void options.login()
      throw new ApiError(401, 'UNAUTHENTICATED', i18n.t('error.unauthenticated'))
    }
    if (!response.ok) throw await toApiError(response)
    return response
  }

  async function toApiError(response: Response): Promise<ApiError> {
    let code = `HTTP_${response.status}`
    let message =
      response.status === 403 ? i18n.t('error.forbidden') : i18n.t('error.http', { status: response.status })
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

  async function call(path: string, request: RequestOptions): Promise<Response> {
    try {
      return await send(path, request)
    } catch (error) {
      if (!request.quiet) showError(error)
      throw error
    }
  }

  return {
    async request<T>(path: string, request: RequestOptions = {}): Promise<T> {
      const response = await call(path, request)
      if (response.status === 204) return undefined as T
      const text = await response.text()
      return (text ? JSON.parse(text) : undefined) as T
    },
    async download(path: string, request: RequestOptions = {}): Promise<DownloadedFile> {
      const response = await call(path, request)
      return { blob: await response.blob(), fileName: fileNameOf(response.headers.get('Content-Disposition')) }
    },
    showError,
    errorMessage,
  }
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
