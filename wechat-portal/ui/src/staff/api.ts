// The staff portal's calls to the admin API (`/admin/api`), with the signed-in staff member's bearer token; errors
// come back as the portal's ApiError ({code, message}).
import { ApiError, readJson, toApiError } from '@/api/errors'
import { currentLocale } from '@/i18n'
import { staffLogin, staffToken } from '@/guard/keycloak'

export type QueryParams = Record<string, string | number | boolean | undefined | null>

export function queryString(params?: QueryParams): string {
  if (!params) return ''
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v))
  }
  const s = q.toString()
  return s ? `?${s}` : ''
}

async function send<T>(path: string, init: { method: string; json?: unknown; form?: FormData }): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': currentLocale() === 'en' ? 'en' : 'zh-CN',
    Authorization: `Bearer ${await staffToken()}`,
  }
  let body: BodyInit | undefined
  if (init.form) {
    body = init.form // the browser sets the multipart boundary
  } else if (init.json !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(init.json)
  }
  const response = await fetch('/admin/api' + path, { method: init.method, headers, body })
  if (response.status === 401) void staffLogin()
  if (!response.ok) throw await toApiError(response)
  return readJson<T>(response)
}

export function staffGet<T>(path: string, params?: Record<string, string | number | undefined>): Promise<T> {
  return send<T>(path + queryString(params), { method: 'GET' })
}

export function staffPost<T>(path: string, json?: unknown): Promise<T> {
  return send<T>(path, { method: 'POST', json: json ?? {} })
}

export function staffPut<T>(path: string, json: unknown): Promise<T> {
  return send<T>(path, { method: 'PUT', json })
}

/** A multipart POST (no Content-Type of our own: the browser writes it with the boundary). */
export function staffPostForm<T>(path: string, form: FormData): Promise<T> {
  return send<T>(path, { method: 'POST', form })
}

export { ApiError }
