import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory } from 'vue-router'
import { i18n } from '@/i18n'
import { createConsoleRouter } from '@/router'
import { setMe } from '@/staff'
import RegistrantsView from '@/views/RegistrantsView.vue'
import { messages, mockApi } from './helpers'

const teacher = {
  id: 5,
  name: '李老师',
  identity: 'TEACHER',
  identityTypeId: 2,
  identityTypeName: '外聘教师',
  number: 'T001',
  phone: '139****0001',
  idTail: '****1X',
  departmentId: 1,
  managedDepartmentId: null,
  enabled: true,
  registered: false,
  visitorAuthorized: false,
  createdAt: '2026-01-01T00:00:00Z',
}

async function mountList(permissions: string[]) {
  i18n.global.locale.value = 'zh-CN'
  setMe({ username: 'admin', name: '王', phone: null, roles: [], permissions, school: null })
  const router = createConsoleRouter(createMemoryHistory('/admin/'))
  await router.push('/registrants')
  const wrapper = mount(RegistrantsView, { global: { plugins: [router, i18n] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

const api = () =>
  mockApi({
    'GET /registrants': { body: { items: [teacher], total: 1 } },
    'GET /departments': { body: [{ id: 1, name: '计算机学院', enabled: true, sortOrder: 0, parentId: null }] },
    'POST /registrants/visitor-authorization/all-teachers': { body: { authorized: 12 } },
  })

const q = (selector: string) => document.querySelector<HTMLElement>(selector)

describe('registrant list (A4.2)', () => {
  it('shows the identity type under the identity', async () => {
    api()
    await mountList(['registrant:view'])
    expect(q("[data-test='registrant-identity-type-cell']")?.textContent).toBe('外聘教师')
  })

  it('authorizes all teachers for visitors after a confirmation, with the permission only', async () => {
    const calls = api()
    await mountList(['registrant:view', 'registrant:visitor-authorization:manage'])
    q("[data-test='registrant-all-teachers-visitors']")!.click()
    await flushPromises()
    expect(calls.count('POST /registrants/visitor-authorization/all-teachers')).toBe(0)
    await vi.waitFor(() => expect(document.querySelector('.el-message-box')).not.toBeNull())
    expect(document.querySelector('.el-message-box')!.textContent).toContain('全部身份为教师')
    document.querySelector<HTMLElement>('.el-message-box .el-button--primary')!.click()
    await vi.waitFor(() => expect(calls.count('POST /registrants/visitor-authorization/all-teachers')).toBe(1))
    await vi.waitFor(() => expect(messages().join()).toContain('已为 12 名教师开通访客授权'))
  })

  it('hides the all-teachers button without the permission', async () => {
    api()
    await mountList(['registrant:view', 'registrant:manage'])
    expect(q("[data-test='registrants-table']")).not.toBeNull()
    expect(q("[data-test='registrant-all-teachers-visitors']")).toBeNull()
  })

  it('keeps its columns within a 1366-px laptop screen (208-px menu, page and card padding)', async () => {
    api()
    await mountList(['registrant:view', 'registrant:manage', 'access-rule:manage'])
    // Element Plus gives each column its width, or its min-width when the table has no room to share out (as in
    // jsdom, where nothing has a size): their sum is the narrowest the table can be without a scrollbar.
    const cols = [...document.querySelectorAll("[data-test='registrants-table'] .el-table__header colgroup col")]
    const widths = cols.map((c) => Number(c.getAttribute('width'))).filter((w) => w > 0)
    expect(widths.length).toBeGreaterThanOrEqual(8)
    const available = 1366 - 208 - 2 * 24 - 2 * 20 - 2 // page padding, card padding, borders
    expect(widths.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(available)
  })
})
