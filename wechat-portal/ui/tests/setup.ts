import { beforeEach, vi } from 'vitest'
import { installTestSetup } from '@campuspass/ui-shared/testing'
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

installTestSetup()

beforeEach(() => {
  localStorage.clear()
  forgetInfo()
  applyLocale('zh-CN')
})
