import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory } from 'vue-router'
import { i18n } from '@/i18n'
import { createConsoleRouter } from '@/router'
import { setMe } from '@/staff'
import GatesView from '@/views/GatesView.vue'
import { messages, mockApi } from './helpers'
import { ADMIN_PERMISSIONS } from './setup'

const campus = { id: 7, name: '东校区', address: null, enabled: true, sortOrder: 0, createdAt: '2026-01-01T00:00:00Z' }
const gate = { id: 3, campusId: 7, name: '北门', enabled: true, sortOrder: 0, createdAt: '2026-01-01T00:00:00Z' }

async function mountGates() {
  i18n.global.locale.value = 'zh-CN'
  setMe({
    username: 'admin',
    name: '王',
    phone: null,
    roles: ['school-admin'],
    roleNames: ['学校管理员'],
    permissions: ADMIN_PERMISSIONS,
    school: null,
  })
  const router = createConsoleRouter(createMemoryHistory('/admin/'))
  await router.push('/gates')
  const wrapper = mount(GatesView, { global: { plugins: [router, i18n] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

const q = (selector: string) => document.querySelector<HTMLElement>(selector)

describe('gates page', () => {
  it('lists gates with their campus name', async () => {
    mockApi({ 'GET /campuses': { body: [campus] }, 'GET /gates': { body: [gate] } })
    await mountGates()
    const row = q("[data-test='gate-row-3']")
    expect(row?.dataset.name).toBe('北门')
    expect(row?.textContent).toContain('东校区')
  })

  it('creates a gate on the first campus and shows the server’s field problems on the form', async () => {
    const api = mockApi({
      'GET /campuses': { body: [campus] },
      'GET /gates': { body: [] },
      'POST /gates': {
        status: 400,
        body: {
          code: 'VALIDATION_FAILED',
          message: '请求参数有误',
          fields: [{ field: 'name', message: '名称已被使用' }],
        },
      },
    })
    await mountGates()
    q("[data-test='gate-create']")!.click()
    await flushPromises()
    const input = q("input[data-test='gate-name']") as HTMLInputElement
    input.value = '北门'
    input.dispatchEvent(new Event('input'))
    q("[data-test='gate-dialog-save']")!.click()
    await vi.waitFor(() =>
      expect(q("[data-test='gate-dialog'] .el-form-item__error")?.textContent).toContain('名称已被使用'),
    )

    expect(api.calls.find((c) => c.method === 'POST')?.body).toMatchObject({ campusId: 7, name: '北门' })
    expect(messages()).toEqual(['请求参数有误'])
  })

  it('disables a gate by saving it with enabled=false', async () => {
    const api = mockApi({
      'GET /campuses': { body: [campus] },
      'GET /gates': { body: [gate] },
      'PUT /gates/3': { body: { ...gate, enabled: false } },
    })
    await mountGates()
    q("[data-test='gate-row-3'] [data-test='row-toggle']")!.click()
    await flushPromises()
    expect(api.calls.find((c) => c.method === 'PUT')?.body).toEqual({
      campusId: 7,
      name: '北门',
      sortOrder: 0,
      enabled: false,
    })
    expect(api.count('GET /gates')).toBe(2)
  })
})
