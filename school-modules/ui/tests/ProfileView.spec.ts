import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory } from 'vue-router'
import { changePassword, takePasswordAction } from '@/auth'
import { i18n } from '@/i18n'
import { createConsoleRouter } from '@/router'
import { setMe } from '@/staff'
import ProfileView from '@/views/ProfileView.vue'
import { messages, mockApi } from './helpers'
import { ADMIN_PERMISSIONS } from './setup'

async function mountProfile() {
  i18n.global.locale.value = 'zh-CN'
  setMe({
    username: 'admin',
    name: '王',
    phone: '13800000000',
    roles: ['school-admin'],
    roleNames: ['学校管理员'],
    permissions: ADMIN_PERMISSIONS,
    school: null,
  })
  const router = createConsoleRouter(createMemoryHistory('/admin/'))
  await router.push('/profile')
  const wrapper = mount(ProfileView, { global: { plugins: [router, i18n] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

const q = (selector: string) => document.querySelector<HTMLElement>(selector)

describe('profile page password change (A7)', () => {
  it('sends the user to Keycloak’s update-password page instead of asking for passwords itself', async () => {
    const api = mockApi({})
    await mountProfile()
    expect(document.querySelector("input[type='password']")).toBeNull()
    expect(q("[data-test='password-hint']")?.textContent).toContain('10 位')
    q("[data-test='password-change']")!.click()
    await flushPromises()
    expect(changePassword).toHaveBeenCalledTimes(1)
    expect(api.calls.filter((c) => c.path.startsWith('/me/password'))).toHaveLength(0)
  })

  it('says so when Keycloak reports the password changed', async () => {
    mockApi({})
    vi.mocked(takePasswordAction).mockReturnValueOnce('success')
    await mountProfile()
    await vi.waitFor(() => expect(messages().join()).toContain('密码已修改'))
  })

  it('says so when the change failed, and nothing when it was cancelled', async () => {
    mockApi({})
    vi.mocked(takePasswordAction).mockReturnValueOnce('error')
    await mountProfile()
    await vi.waitFor(() => expect(messages().join()).toContain('密码未能修改'))
    vi.mocked(takePasswordAction).mockReturnValueOnce('cancelled')
    document.body.innerHTML = ''
    await mountProfile()
    expect(messages().join()).not.toContain('密码已修改')
  })

  it('shows the departments and position the school recorded (A7)', async () => {
    mockApi({})
    await mountProfile()
    expect(q("[data-test='profile-departments']")?.textContent).toBe('—')
    setMe({
      username: 'admin',
      name: '王',
      phone: '13800000000',
      roles: ['department-admin'],
      roleNames: ['部门管理员'],
      permissions: [],
      school: null,
      departments: ['计算机学院', '数学学院'],
      position: '辅导员',
    })
    await flushPromises()
    expect(q("[data-test='profile-departments']")?.textContent).toBe('计算机学院、数学学院')
    expect(q("[data-test='profile-position']")?.textContent).toBe('辅导员')
  })
})
