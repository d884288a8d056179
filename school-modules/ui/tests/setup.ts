import { afterEach, vi } from 'vitest'
import { ElMessage } from 'element-plus'
import { enableAutoUnmount } from '@vue/test-utils'

// No test talks to Keycloak: the auth module is replaced everywhere with a signed-in school admin.
vi.mock('@/auth', async () => {
  const { reactive } = await import('vue')
  return {
    getToken: vi.fn(async () => 'test-token'),
    login: vi.fn(async () => undefined),
    logout: vi.fn(async () => undefined),
    initAuth: vi.fn(async () => undefined),
    changePassword: vi.fn(async () => undefined),
    takePasswordAction: vi.fn(() => null),
    loadConsoleConfig: vi.fn(),
    SchoolNotFoundError: class extends Error {},
    session: reactive({
      user: { name: '王老师', username: 'admin', roles: ['school-admin'] },
      schoolName: '示例大学',
      passwordAction: null,
    }),
  }
})

enableAutoUnmount(afterEach)

afterEach(() => {
  ElMessage.closeAll()
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
