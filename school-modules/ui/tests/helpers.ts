import { vi } from 'vitest'

export interface Call {
  method: string
  path: string
  search: URLSearchParams
  body: unknown
  headers: Record<string, string>
}

type Reply = { status?: number; body?: unknown } | ((call: Call) => { status?: number; body?: unknown })

/**
 * Replaces fetch with a table of "METHOD /path" → reply (path without /admin/api). A route may hold a list of
 * replies, used in turn (the last one repeats). Unknown routes answer 404 so a wrong URL fails the test.
 */
export function mockApi(table: Record<string, Reply | Reply[]>) {
  const calls: Call[] = []
  const used: Record<string, number> = {}
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://localhost')
    const method = (init.method ?? 'GET').toUpperCase()
    const path = url.pathname.replace(/^\/admin\/api/, '')
    const body = init.body instanceof FormData ? init.body : init.body ? JSON.parse(String(init.body)) : undefined
    const call: Call = {
      method,
      path,
      search: url.searchParams,
      body,
      headers: (init.headers ?? {}) as Record<string, string>,
    }
    calls.push(call)
    const key = `${method} ${path}`
    const entry = table[key]
    if (!entry) return jsonResponse(404, { code: 'NOT_MOCKED', message: `no mock for ${key}` })
    let reply: Reply
    if (Array.isArray(entry)) {
      const i = used[key] ?? 0
      used[key] = i + 1
      reply = entry[Math.min(i, entry.length - 1)]
    } else {
      reply = entry
    }
    const r = typeof reply === 'function' ? reply(call) : reply
    return jsonResponse(r.status ?? 200, r.body)
  })
  vi.stubGlobal('fetch', fetchMock)
  return { calls, fetchMock, count: (key: string) => calls.filter((c) => `${c.method} ${c.path}` === key).length }
}

export function jsonResponse(status: number, body: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  })
}

export function messages(): string[] {
  return [...document.querySelectorAll('.el-message')].map((el) => el.textContent?.trim() ?? '')
}
