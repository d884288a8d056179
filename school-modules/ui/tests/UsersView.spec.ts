import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory } from 'vue-router'
import { i18n } from '@/i18n'
import { createConsoleRouter } from '@/router'
import { setMe } from '@/staff'
import UsersView from '@/views/UsersView.vue'
import { messages, mockApi } from './helpers'

const guardRole = {
  id: 4,
  realmRole: 'gate-guard',
  name: '门岗',
  description: '',
  dataScope: 'OWN',
  enabled: true,
  protectedRole: false,
  seeded: 'GATE_GUARD',
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  updatedBy: null,
  holders: 1,
  permissions: null,
}
const guard = {
  id: 'u-1',
  username: 'guard1',
  name: '张门卫',
  phone: '138****0011',
  phoneMasked: '138****0011',
  position: { id: 2, name: '门卫班长' },
  roles: [{ id: 4, name: '门岗' }],
  departments: [
    { id: 7, name: '保卫处' },
    { id: 8, name: '后勤处' },
  ],
  enabled: true,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  updatedBy: 'admin',
}
const choices = {
  'GET /roles': { body: [guardRole] },
  'GET /departments': { body: [{ id: 7, name: '保卫处' }] },
  'GET /positions': { body: [{ id: 2, name: '门卫班长' }] },
}

async function mountUsers(permissions = ['system:user:view', 'system:user:manage']) {
  i18n.global.locale.value = 'zh-CN'
  setMe({
    username: 'admin',
    name: '王',
    phone: null,
    roles: ['school-admin'],
    roleNames: ['学校管理员'],
    permissions,
    school: null,
  })
  const router = createConsoleRouter(createMemoryHistory('/admin/'))
  await router.push('/users')
  const wrapper = mount(UsersView, { global: { plugins: [router, i18n] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

const q = (selector: string) => document.querySelector<HTMLElement>(selector)
const row = (username: string) => q(`[data-test='user-row-${username}']`)!.closest('tr')!

function type(selector: string, value: string): void {
  const input = q(selector) as HTMLInputElement
  input.value = value
  input.dispatchEvent(new Event('input'))
}

describe('system users page (A3.3)', () => {
  it('lists account, name, masked phone, roles, position, departments, status and creation time', async () => {
    mockApi({ ...choices, 'GET /users': { body: { items: [guard], total: 1 } } })
    await mountUsers()
    const text = row('guard1').textContent
    for (const value of ['guard1', '张门卫', '138****0011', '门岗', '门卫班长', '保卫处、后勤处', '启用', '2026']) {
      expect(text).toContain(value)
    }
  })

  it('filters by text and sends the page 0-based', async () => {
    const api = mockApi({ ...choices, 'GET /users': { body: { items: [guard], total: 1 } } })
    await mountUsers()
    type("input[data-test='user-search']", '0011')
    q("[data-test='user-query']")!.click()
    await flushPromises()
    const last = api.calls.filter((c) => c.path === '/users').at(-1)!
    expect(last.search.get('text')).toBe('0011')
    expect(last.search.get('page')).toBe('0')
  })

  it('creates a user with roles and an initial password, showing field problems from the server', async () => {
    const api = mockApi({
      ...choices,
      'GET /users': { body: { items: [], total: 0 } },
      'POST /users': {
        status: 409,
        body: {
          code: 'PHONE_TAKEN',
          message: '该手机号已绑定本校其他账号',
          fields: [{ field: 'phone', message: '该手机号已绑定本校其他账号' }],
        },
      },
    })
    await mountUsers()
    q("[data-test='user-create']")!.click()
    await flushPromises()
    type("input[data-test='user-username']", 'guard2')
    type("input[data-test='user-fullname']", '李门卫')
    type("input[data-test='user-phone']", '13800000011')
    type("input[data-test='user-password']", 'Initial@2026')
    q("[data-test='user-roles']")!.click()
    await flushPromises()
    ;[...document.querySelectorAll<HTMLElement>('.el-select-dropdown__item')]
      .filter((o) => o.textContent?.trim() === '门岗')
      .at(-1)!
      .click()
    await flushPromises()
    q("[data-test='user-dialog-save']")!.click()
    await vi.waitFor(() =>
      expect(q("[data-test='user-dialog'] .el-form-item__error")?.textContent).toContain('该手机号已绑定'),
    )
    expect(api.calls.find((c) => c.method === 'POST')?.body).toEqual({
      username: 'guard2',
      name: '李门卫',
      phone: '13800000011',
      roleIds: [4],
      positionId: null,
      departmentIds: [],
      password: 'Initial@2026',
    })
    expect(messages()).toEqual(['该手机号已绑定本校其他账号'])
  })

  it('disables a user', async () => {
    const api = mockApi({
      ...choices,
      'GET /users': { body: { items: [guard], total: 1 } },
      'POST /users/u-1/disable': { body: { ...guard, enabled: false } },
    })
    await mountUsers()
    row('guard1').querySelector<HTMLElement>("[data-test='row-toggle']")!.click()
    await vi.waitFor(() => expect(api.count('POST /users/u-1/disable')).toBe(1))
    await vi.waitFor(() => expect(api.count('GET /users')).toBe(2))
  })

  it('resets a password, unbinds WeChat and deletes from the row menu', async () => {
    const api = mockApi({
      ...choices,
      'GET /users': { body: { items: [guard], total: 1 } },
      'POST /users/u-1/reset-password': { status: 204 },
      'POST /users/u-1/unbind-wechat': { body: { removed: [] } },
      'DELETE /users/u-1': { status: 204 },
    })
    await mountUsers()
    const menuItem = async (test: string) => {
      row('guard1').querySelector<HTMLElement>("[data-test='row-more']")!.click()
      await flushPromises()
      const item = [...document.querySelectorAll<HTMLElement>(`[data-test='${test}']`)].at(-1)!
      item.click()
      await flushPromises()
    }
    const confirm = () => document.querySelector<HTMLElement>('.el-message-box__btns .el-button--primary')!.click()

    await menuItem('row-password')
    type("input[data-test='reset-password']", 'Temporary@2026')
    q("[data-test='password-dialog-save']")!.click()
    await vi.waitFor(() => expect(api.count('POST /users/u-1/reset-password')).toBe(1))
    expect(api.calls.find((c) => c.path.endsWith('reset-password'))?.body).toEqual({ password: 'Temporary@2026' })

    await menuItem('row-unbind')
    confirm()
    await vi.waitFor(() => expect(api.count('POST /users/u-1/unbind-wechat')).toBe(1))

    await menuItem('row-delete')
    confirm()
    await vi.waitFor(() => expect(api.count('DELETE /users/u-1')).toBe(1))
  })

  it('shows no editing to a user who may only view users', async () => {
    mockApi({ ...choices, 'GET /users': { body: { items: [guard], total: 1 } } })
    await mountUsers(['system:user:view'])
    expect(q("[data-test='user-create']")).toBeNull()
    expect(row('guard1').querySelector("[data-test='row-edit']")).toBeNull()
  })
})
