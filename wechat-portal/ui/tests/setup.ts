import { beforeEach, vi } from 'vitest'
import { installTestSetup } from '@campuspass/ui-shared/testing'
import { forgetInfo } from '@/api/portal'
import { applyLocale } from '@/i18n'

// No test talks to Keycloak: the staff auth module is replaced with a signed-in gate guard / staff member.
vi.mock('@/guard/keycloak', () => ({
  loadConsoleConfig: vi.fn(async () => ({
    keycloakUrl: 'http://kc.test',
    realm: 'school-demo',
    clientId: 'school-console',
  })),
  initGuardAuth: vi.fn(async () => ({ name: '李门岗', username: 'guard1' })),
  initStaffAuth: vi.fn(async () => ({ name: '王保卫', username: 'security' })),
  isStaffSignedIn: vi.fn(() => true),
  guardToken: vi.fn(async () => 'guard-token'),
  staffToken: vi.fn(async () => 'staff-token'),
  guardLogin: vi.fn(async () => undefined),
  staffLogin: vi.fn(async () => undefined),
  guardLogout: vi.fn(async () => undefined),
  staffLogout: vi.fn(async () => undefined),
  loginWithTicket: vi.fn(async () => undefined),
  guardPageUrl: (origin: string, school: string) => `${origin}/portal/${encodeURIComponent(school)}/guard`,
  staffPageUrl: (origin: string, school: string, page: string) =>
    `${origin}/portal/${encodeURIComponent(school)}/${page}`,
}))

// jsdom has no scrolling; the router's scrollBehavior calls it on every navigation.
window.scrollTo = () => undefined

installTestSetup()

beforeEach(() => {
  localStorage.clear()
  forgetInfo()
  applyLocale('zh-CN')
})
