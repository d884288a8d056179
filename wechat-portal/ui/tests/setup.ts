import { afterEach, beforeEach, vi } from 'vitest'
import { enableAutoUnmount } from '@vue/test-utils'
import { forgetInfo } from '@/api/portal'
import { applyLocale } from '@/i18n'

// No test talks to Keycloak: the guard's auth module is replaced with a signed-in gate guard.
vi.mock('@/guard/keycloak', () => ({
  loadConsoleConfig: vi.fn(async () => ({
    keycloakUrl: 'http://kc.test',
    realm: 'school-demo',
    clientId: 'school-console',
  })),
  initGuardAuth: vi.fn(async () => ({ name: '李门岗', username: 'guard1' })),
  guardToken: vi.fn(async () => 'guard-token'),
  guardLogin: vi.fn(async () => undefined),
  guardLogout: vi.fn(async () => undefined),
  guardPageUrl: (origin: string, school: string) => `${origin}/portal/${encodeURIComponent(school)}/guard`,
}))

// jsdom has no scrolling; the router's scrollBehavior calls it on every navigation.
window.scrollTo = () => undefined

// Unmount every wrapper so no timer or pending request of one test reaches the next one's mocks.
enableAutoUnmount(afterEach)

beforeEach(() => {
  localStorage.clear()
  forgetInfo()
  applyLocale('zh-CN')
})

afterEach(() => {
  document.body.innerHTML = ''
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
