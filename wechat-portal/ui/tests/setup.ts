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
