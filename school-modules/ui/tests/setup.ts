import { beforeEach, vi } from 'vitest'
import { ElMessage } from 'element-plus'
import { installTestSetup } from '@campuspass/ui-shared/testing'

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

installTestSetup(() => ElMessage.closeAll())

/** What GET /admin/api/me answers for the school admin every test signs in as (tests may narrow it with setMe). */
export const ADMIN_PERMISSIONS = [
  'home:dashboard:view',
  'organization:campus:view',
  'organization:campus:manage',
  'organization:gate:view',
  'organization:gate:manage',
  'organization:gate:poster',
  'organization:department:view',
  'organization:department:manage',
  'registrant:registrant:view',
  'registrant:registrant:manage',
  'registrant:registrant:import',
  'registrant:personal-data:view',
  'registrant:visitor-authorization:manage',
  'access:record:view',
  'access:rule:view',
  'access:rule:manage',
  'access:pass:verify',
  'access:device:manage',
  'system:settings:view',
  'system:settings:manage',
  'system:login-security:manage',
  'system:role:view',
  'system:role:manage',
  'system:user:view',
  'system:user:manage',
]

beforeEach(async () => {
  const { setMe } = await import('@/staff')
  setMe({
    username: 'admin',
    name: '王老师',
    phone: null,
    roles: ['school-admin'],
    roleNames: ['学校管理员'],
    permissions: ADMIN_PERMISSIONS,
    dataScope: 'SCHOOL',
    school: { code: 'demo', name: '示例大学' },
  })
})
