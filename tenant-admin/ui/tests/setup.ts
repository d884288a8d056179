import { vi } from 'vitest'
import { ElMessage } from 'element-plus'
import { installTestSetup } from '@campuspass/ui-shared/testing'

// No test talks to Keycloak: the auth module is replaced everywhere with a signed-in operator.
vi.mock('@/auth', async () => {
  const { reactive } = await import('vue')
  return {
    getToken: vi.fn(async () => 'test-token'),
    login: vi.fn(async () => undefined),
    logout: vi.fn(async () => undefined),
    initAuth: vi.fn(async () => undefined),
    loadConsoleConfig: vi.fn(),
    session: reactive({ user: { name: '王运营', username: 'operator' } }),
  }
})

installTestSetup(() => ElMessage.closeAll())
