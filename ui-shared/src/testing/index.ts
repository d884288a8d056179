// Test helpers of the consoles and the portal (Vitest + jsdom): a table-driven fetch mock, Element Plus message
// reading, and the common set-up every suite runs (see installTestSetup).
import { afterEach, vi } from 'vitest'
import { enableAutoUnmount } from '@vue/test-utils'

export interface Call {
  method: string
  path: string
  search: URLSearchParams
  /** The JSON body parsed, a FormData as sent, or undefined. */
  body: unknown
  headers: Record<string, string>
}

export type ReplyValue = { status?: number; body?: unknown }
export type Reply = ReplyValue | ((call: Call) => ReplyValue)

/**
 * A mockApi for one API prefix: replaces fetch with a table of "METHOD /path" → reply, the path without `base`
 * ('' keeps the full path). A route may hold a list of replies, used in turn (the last one repeats). Unknown routes
 * answer 404 so a wrong URL fails the test.
 */
export function mockApiAt(base: string) {
  return function mockApi(table: Record<string, Reply | Reply[]>) {
    const calls: Call[] = []
    const used: Record<string, number> = {}
    const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const url = new URL(String(input), 'http://localhost')
      const method = (init.method ?? 'GET').toUpperCase()
      const path = base && url.pathname.startsWith(base) ? url.pathname.slice(base.length) : url.pathname
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
}

export function jsonResponse(status: number, body: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  })
}

/** Text of the toast messages Element Plus put on the page. */
export function messages(): string[] {
  return [...document.querySelectorAll('.el-message')].map((el) => el.textContent?.trim() ?? '')
}

/**
 * The set-up every suite shares, called from its setup file: unmount every wrapper and reset the page, timers,
 * stubbed globals and storage after each test (so nothing of one test reaches the next one's mocks), plus
 * `cleanUp` for what the suite adds; and patience for vi.waitFor.
 */
export function installTestSetup(cleanUp: () => void = () => undefined): void {
  enableAutoUnmount(afterEach)
  afterEach(() => {
    cleanUp()
    document.body.innerHTML = ''
    localStorage.clear()
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })
  // vi.waitFor gives up after 1 s by default; on a loaded 2-core CI machine a render can take longer than that.
  // Waiting is not timing: the assertion itself is unchanged, only the patience before calling it failed.
  const waitForWithPatience = vi.waitFor
  vi.waitFor = ((callback, options) =>
    waitForWithPatience(
      callback,
      typeof options === 'number' ? options : { timeout: 10_000, ...options },
    )) as typeof vi.waitFor
}
