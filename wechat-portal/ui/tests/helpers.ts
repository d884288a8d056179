import { vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory } from 'vue-router'
import App from '@/App.vue'
import { i18n } from '@/i18n'
import { createPortalRouter } from '@/router'

export interface Call {
  method: string
  path: string
  search: URLSearchParams
  body: unknown
  headers: Record<string, string>
}

type ReplyValue = { status?: number; body?: unknown }
type Reply = ReplyValue | ((call: Call) => ReplyValue)

/**
 * Replaces fetch with a table of "METHOD /full/path" → reply. A route may hold a list of replies, used in turn
 * (the last one repeats). Unknown routes answer 404 so a wrong URL fails the test.
 */
export function mockApi(table: Record<string, Reply | Reply[]>) {
  const calls: Call[] = []
  const used: Record<string, number> = {}
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://localhost')
    const method = (init.method ?? 'GET').toUpperCase()
    const call: Call = {
      method,
      path: url.pathname,
      search: url.searchParams,
      body: init.body instanceof FormData ? init.body : init.body ? JSON.parse(String(init.body)) : undefined,
      headers: (init.headers ?? {}) as Record<string, string>,
    }
    calls.push(call)
    const key = `${method} ${url.pathname}`
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

/** Mounts the whole app at `path` (relative to /portal) with an in-memory history. */
export async function mountAt(path: string) {
  const router = createPortalRouter(createMemoryHistory('/portal/'))
  await router.push(path)
  const wrapper = mount(App, { global: { plugins: [i18n, router] }, attachTo: document.body })
  await settle()
  return { wrapper, router }
}

/** Lets fetches, lazy route components and re-renders finish. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await flushPromises()
    await new Promise((resolve) => setTimeout(resolve, 0))
  }
}

export const INFO = {
  school: 'demo',
  name: '演示大学',
  identities: ['TEACHER', 'STUDENT'],
  faceRequired: [],
  wechatLogin: true,
}

export const PROFILE = {
  registrantId: 7,
  name: '张三',
  identity: 'STUDENT',
  number: '2023001',
  departmentName: '计算机学院',
  managedDepartmentName: null,
  phone: '138****5678',
}

export function signedIn(school = 'demo', bound = true, token = 'session-token'): void {
  localStorage.setItem(`campuspass.portal.session.${school}`, JSON.stringify({ token, bound }))
}
