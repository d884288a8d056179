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
