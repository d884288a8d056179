import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory } from 'vue-router'
import { i18n } from '@/i18n'
import { createConsoleRouter } from '@/router'
import { setMe } from '@/staff'
import PositionsView from '@/views/PositionsView.vue'
import { messages, mockApi } from './helpers'

const position = {
  id: 4,
  name: '门岗班长',
  description: '负责东门岗位排班',
  enabled: true,
  sortOrder: 2,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-02-03T04:05:00Z',
  updatedBy: 'officer1',
}

async function mountPositions() {
  i18n.global.locale.value = 'zh-CN'
  setMe({
    username: 'admin',
    name: '王',
    phone: null,
    roles: [],
    roleNames: [],
    permissions: ['organization:position:view'],
    school: null,
  })
  const router = createConsoleRouter(createMemoryHistory('/admin/'))
  await router.push('/positions')
  const wrapper = mount(PositionsView, { global: { plugins: [router, i18n] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

const q = (selector: string) => document.querySelector<HTMLElement>(selector)

describe('positions page', () => {
  it('lists a position with its description, status and who changed it last', async () => {
    mockApi({ 'GET /positions': { body: [position] } })
    await mountPositions()
    const row = q("[data-test='position-row-4']")
    expect(row?.dataset.name).toBe('门岗班长')
    const table = q("[data-test='positions-table']")!.textContent!
    expect(table).toContain('负责东门岗位排班')
    expect(table).toContain('officer1')
    expect(table).toContain('操作人')
    expect(table).toContain('启用')
  })

  it('queries by name and status', async () => {
    const api = mockApi({ 'GET /positions': { body: [] } })
    await mountPositions()
    const input = q("input[data-test='position-search']") as HTMLInputElement
    input.value = ' 班长 '
    input.dispatchEvent(new Event('input'))
    await flushPromises()
    q("[data-test='position-query']")!.click()
    await flushPromises()
    const last = api.calls.filter((c) => c.path === '/positions').at(-1)!
    expect(last.search.get('name')).toBe('班长')
    expect(last.search.has('enabled')).toBe(false)
  })

  it('creates a position with a description and shows the server’s refusal', async () => {
    const api = mockApi({
      'GET /positions': { body: [] },
      'POST /positions': { status: 409, body: { code: 'POSITION_NAME_TAKEN', message: '职位名称“辅导员”已存在' } },
    })
    await mountPositions()
    q("[data-test='position-create']")!.click()
    await flushPromises()
    const name = q("input[data-test='position-name']") as HTMLInputElement
    name.value = '辅导员'
    name.dispatchEvent(new Event('input'))
    const description = q("textarea[data-test='position-description']") as HTMLTextAreaElement
    description.value = '学生日常管理'
    description.dispatchEvent(new Event('input'))
    q("[data-test='position-dialog-save']")!.click()
    await vi.waitFor(() => expect(messages()).toContain('职位名称“辅导员”已存在'))
    expect(api.calls.find((c) => c.method === 'POST')?.body).toEqual({
      name: '辅导员',
      description: '学生日常管理',
      sortOrder: 0,
      enabled: true,
    })
  })

  it('disables a position by saving it with enabled=false and reloads', async () => {
    const api = mockApi({
      'GET /positions': { body: [position] },
      'PUT /positions/4': { body: { ...position, enabled: false } },
    })
    await mountPositions()
    q("[data-test='position-row-4'] [data-test='row-toggle']")!.click()
    await flushPromises()
    expect(api.calls.find((c) => c.method === 'PUT')?.body).toEqual({
      name: '门岗班长',
      description: '负责东门岗位排班',
      sortOrder: 2,
      enabled: false,
    })
    expect(api.count('GET /positions')).toBe(2)
  })

  it('shows the refusal to delete a position a staff user holds', async () => {
    mockApi({
      'GET /positions': { body: [position] },
      'DELETE /positions/4': {
        status: 409,
        body: { code: 'POSITION_IN_USE', message: '该职位仍有系统用户担任，请先调整这些用户的职位' },
      },
    })
    await mountPositions()
    q("[data-test='position-row-4'] [data-test='row-delete']")!.click()
    await vi.waitFor(() => expect(q('.el-message-box__btns .el-button--primary')).not.toBeNull())
    q('.el-message-box__btns .el-button--primary')!.click()
    await vi.waitFor(() => expect(messages().join()).toContain('该职位仍有系统用户担任'))
  })
})
