import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory } from 'vue-router'
import { i18n } from '@/i18n'
import { createConsoleRouter } from '@/router'
import { setMe } from '@/staff'
import RolesView from '@/views/RolesView.vue'
import { messages, mockApi } from './helpers'

const base = {
  description: '',
  seeded: null,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  updatedBy: 'admin',
  permissions: null,
}
const schoolAdmin = {
  ...base,
  id: 1,
  realmRole: 'school-admin',
  name: '学校管理员',
  dataScope: 'SCHOOL',
  enabled: true,
  protectedRole: true,
  seeded: 'SCHOOL_ADMIN',
  holders: 1,
}
const viewer = {
  ...base,
  id: 5,
  realmRole: 'role-abcdefgh',
  name: '通行查看',
  dataScope: 'OWN',
  enabled: true,
  protectedRole: false,
  holders: 0,
}
const tree = [
  {
    menu: 'SYSTEM',
    nameZh: '系统管理',
    nameEn: 'System',
    permissions: [{ code: 'system:role:view', nameZh: '角色查询', nameEn: 'View roles' }],
  },
  {
    menu: 'ACCESS',
    nameZh: '通行管理',
    nameEn: 'Access',
    permissions: [
      { code: 'access:record:view', nameZh: '通行记录查询', nameEn: 'View access records' },
      { code: 'access:pass:verify', nameZh: '核验通行码', nameEn: 'Verify passes' },
    ],
  },
]

async function mountRoles(permissions = ['system:role:view', 'system:role:manage']) {
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
  await router.push('/roles')
  const wrapper = mount(RolesView, { global: { plugins: [router, i18n] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

const q = (selector: string) => document.querySelector<HTMLElement>(selector)

function checkbox(label: string): HTMLElement {
  const node = [
    ...document.querySelectorAll<HTMLElement>("[data-test='role-permissions'] .el-tree-node__content"),
  ].find((n) => n.textContent?.trim() === label)
  return node!.querySelector<HTMLElement>('.el-checkbox__input')!
}

describe('roles page (A3.6)', () => {
  it('lists roles; the built-in school administrator cannot be disabled or deleted', async () => {
    mockApi({ 'GET /roles': { body: [schoolAdmin, viewer] } })
    await mountRoles()
    const admin = q("[data-test='role-row-1']")!.closest('tr')!
    expect(admin.textContent).toContain('内置')
    expect(admin.textContent).toContain('全校')
    expect(admin.querySelector("[data-test='row-toggle']")).toBeNull()
    expect(admin.querySelector("[data-test='row-delete']")).toBeNull()
    const custom = q("[data-test='role-row-5']")!.closest('tr')!
    expect(custom.textContent).toContain('仅本人')
    expect(custom.querySelector("[data-test='row-delete']")).not.toBeNull()
  })

  it('hides the editing buttons from a user who may only view roles', async () => {
    mockApi({ 'GET /roles': { body: [schoolAdmin, viewer] } })
    await mountRoles(['system:role:view'])
    expect(q("[data-test='role-create']")).toBeNull()
    expect(q("[data-test='row-edit']")).toBeNull()
  })

  it('creates a role with the permissions ticked in the tree grouped by menu', async () => {
    const api = mockApi({
      'GET /roles': { body: [schoolAdmin] },
      'GET /roles/permission-tree': { body: tree },
      'POST /roles': { status: 201, body: viewer },
    })
    await mountRoles()
    q("[data-test='role-create']")!.click()
    await flushPromises()
    const menus = [...document.querySelectorAll("[data-test='role-permissions'] .el-tree-node__label")].map(
      (n) => n.textContent,
    )
    expect(menus).toEqual(['系统管理', '角色查询', '通行管理', '通行记录查询', '核验通行码'])
    const name = q("input[data-test='role-name']") as HTMLInputElement
    name.value = '通行查看'
    name.dispatchEvent(new Event('input'))
    checkbox('通行记录查询').click()
    await flushPromises()
    q("[data-test='role-dialog-save']")!.click()
    await vi.waitFor(() => expect(api.count('POST /roles')).toBe(1))
    expect(api.calls.find((c) => c.method === 'POST')?.body).toEqual({
      name: '通行查看',
      description: '',
      dataScope: 'OWN',
      permissions: ['access:record:view'],
    })
    await vi.waitFor(() => expect(api.count('GET /roles')).toBe(2))
  })

  it('edits a role starting from its current permissions', async () => {
    const api = mockApi({
      'GET /roles': { body: [viewer] },
      'GET /roles/permission-tree': { body: tree },
      'GET /roles/5': { body: { ...viewer, permissions: ['access:record:view'] } },
      'PUT /roles/5': { body: viewer },
    })
    await mountRoles()
    q("[data-test='role-row-5']")!.closest('tr')!.querySelector<HTMLElement>("[data-test='row-edit']")!.click()
    await flushPromises()
    checkbox('核验通行码').click()
    await flushPromises()
    q("[data-test='role-dialog-save']")!.click()
    await vi.waitFor(() => expect(api.count('PUT /roles/5')).toBe(1))
    const body = api.calls.find((c) => c.method === 'PUT')?.body as { permissions: string[] }
    expect([...body.permissions].sort()).toEqual(['access:pass:verify', 'access:record:view'])
  })

  it('deletes after confirmation and shows the server’s refusal while the role is held', async () => {
    const api = mockApi({
      'GET /roles': { body: [viewer] },
      'DELETE /roles/5': { status: 409, body: { code: 'ROLE_IN_USE', message: '该角色仍有 1 个用户在使用，不能删除' } },
    })
    await mountRoles()
    q("[data-test='role-row-5']")!.closest('tr')!.querySelector<HTMLElement>("[data-test='row-delete']")!.click()
    await flushPromises()
    document.querySelector<HTMLElement>('.el-message-box__btns .el-button--primary')!.click()
    await vi.waitFor(() => expect(api.count('DELETE /roles/5')).toBe(1))
    await vi.waitFor(() => expect(messages()).toContain('该角色仍有 1 个用户在使用，不能删除'))
  })

  it('disables a role through its own endpoint', async () => {
    const api = mockApi({
      'GET /roles': { body: [viewer] },
      'POST /roles/5/disable': { body: { ...viewer, enabled: false } },
    })
    await mountRoles()
    q("[data-test='role-row-5']")!.closest('tr')!.querySelector<HTMLElement>("[data-test='row-toggle']")!.click()
    await vi.waitFor(() => expect(api.count('POST /roles/5/disable')).toBe(1))
    await vi.waitFor(() => expect(api.count('GET /roles')).toBe(2))
  })
})
