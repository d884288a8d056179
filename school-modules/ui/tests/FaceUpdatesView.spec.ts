import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory } from 'vue-router'
import { i18n } from '@/i18n'
import { createConsoleRouter } from '@/router'
import { setMe } from '@/staff'
import FaceUpdatesView from '@/views/FaceUpdatesView.vue'
import { messages, mockApi } from './helpers'

const record = {
  id: 9,
  registrantId: 3,
  name: '周同学',
  number: '2026300001',
  phoneMasked: '139****0001',
  identity: 'STUDENT',
  identityTypeId: null,
  identityTypeName: '本科生',
  departmentId: 2,
  departmentName: '生命科学学院',
  managedDepartmentId: null,
  managedDepartmentName: null,
  oldFaceUrl: 'http://s3/old.jpg?X-Amz-Signature=1',
  newFaceUrl: 'http://s3/new.jpg?X-Amz-Signature=2',
  source: 'PORTAL',
  operator: '周同学',
  updatedAt: '2026-12-01T02:00:00Z',
}
const running = {
  id: 'e1',
  status: 'RUNNING',
  filter: 'keyword=周',
  total: 4,
  done: 1,
  error: null,
  createdBy: 'admin',
  createdAt: '2026-12-01T03:00:00Z',
  finishedAt: null,
}

async function mountFaces(permissions: string[]) {
  i18n.global.locale.value = 'zh-CN'
  setMe({ username: 'admin', name: '王', phone: null, roles: [], roleNames: [], permissions, school: null })
  const router = createConsoleRouter(createMemoryHistory('/admin/'))
  await router.push('/registrants/faces')
  const wrapper = mount(FaceUpdatesView, { global: { plugins: [router, i18n] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

const q = (selector: string) => document.querySelector<HTMLElement>(selector)

describe('face update records (A4.5)', () => {
  it("lists the tender's columns with the new and old face side by side and filters on the server", async () => {
    const api = mockApi({
      'GET /faces/updates': { body: { items: [record], total: 1 } },
      'GET /faces/exports': { body: [] },
    })
    const wrapper = await mountFaces(['registrant:face:list', 'registrant:face:export'])
    const headers = [...document.querySelectorAll('[data-test="faces-table"] th')].map((th) => th.textContent?.trim())
    expect(headers).toEqual(
      expect.arrayContaining([
        '姓名',
        '更新人脸',
        '原人脸',
        '手机号',
        '身份',
        '身份类型',
        '学号/工号',
        '部门/单位及被分管部门',
        '更新时间',
      ]),
    )
    expect(q('[data-test="faces-table"]')!.textContent).toContain('139****0001')
    expect(q('[data-test="faces-new-9"] img')?.getAttribute('src')).toContain('new.jpg')
    expect(q('[data-test="faces-old-9"] img')?.getAttribute('src')).toContain('old.jpg')

    const filter = (wrapper.vm as unknown as { filter: { keyword: string; identity: string | null; dates: unknown } })
      .filter
    filter.keyword = '周'
    filter.identity = 'STUDENT'
    filter.dates = ['2026-12-01', '2026-12-02']
    q('[data-test="faces-query"]')!.click()
    await flushPromises()
    const last = api.calls.filter((c) => c.path === '/faces/updates').at(-1)!
    expect(Object.fromEntries(last.search)).toMatchObject({
      keyword: '周',
      identity: 'STUDENT',
      from: '2026-12-01',
      to: '2026-12-02',
    })
    wrapper.unmount()
  })

  it('exports the filtered list, shows progress and offers the download when done', async () => {
    const api = mockApi({
      'GET /faces/updates': { body: { items: [record], total: 1 } },
      'GET /faces/exports': [{ body: [] }, { body: [running] }, { body: [{ ...running, status: 'DONE', done: 4 }] }],
      'POST /faces/exports': { status: 202, body: running },
    })
    const wrapper = await mountFaces(['registrant:face:list', 'registrant:face:export'])
    const filter = (wrapper.vm as unknown as { filter: { keyword: string } }).filter
    filter.keyword = '周'
    q('[data-test="faces-query"]')!.click()
    await flushPromises()
    q('[data-test="faces-export-filtered"]')!.click()
    await flushPromises()
    const post = api.calls.find((c) => c.method === 'POST')!
    expect(post.search.get('keyword')).toBe('周')
    expect(messages()).toContain('人脸导出已开始，完成后可在下方下载')
    expect(q('[data-test="faces-export-progress-e1"]')?.textContent).toContain('25%')
    await vi.waitFor(() => expect(q('[data-test="faces-export-download-e1"]')).not.toBeNull(), { timeout: 4000 })
    wrapper.unmount()
  })

  it('hides the export without the export permission', async () => {
    mockApi({ 'GET /faces/updates': { body: { items: [], total: 0 } } })
    const wrapper = await mountFaces(['registrant:face:list'])
    expect(q('[data-test="faces-export-all"]')).toBeNull()
    expect(q('[data-test="faces-exports"]')).toBeNull()
    wrapper.unmount()
  })
})
