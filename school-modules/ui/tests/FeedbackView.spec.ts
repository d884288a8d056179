import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory } from 'vue-router'
import { i18n } from '@/i18n'
import { createConsoleRouter } from '@/router'
import { setMe } from '@/staff'
import FeedbackView from '@/views/FeedbackView.vue'
import { messages, mockApi } from './helpers'

const type = {
  id: 1,
  name: '通行问题',
  description: '校门通行相关',
  enabled: true,
  sortOrder: 1,
  updatedBy: 'admin',
  createdAt: '2026-11-01T00:00:00Z',
}
const open = {
  id: 5,
  typeId: 1,
  typeName: '通行问题',
  title: '东门排队太长',
  details: '早上八点\n排队很长',
  name: '王小明',
  number: '2026100001',
  identity: 'STUDENT',
  identityTypeId: null,
  departmentId: 3,
  departmentName: '机械学院',
  managedDepartmentId: null,
  managedDepartmentName: null,
  replied: false,
  reply: null,
  repliedBy: null,
  repliedAt: null,
  createdAt: '2026-11-30T01:00:00Z',
  imageCount: 1,
  images: [],
}

async function mountFeedback(permissions: string[]) {
  i18n.global.locale.value = 'zh-CN'
  setMe({ username: 'admin', name: '王', phone: null, roles: [], roleNames: [], permissions, school: null })
  const router = createConsoleRouter(createMemoryHistory('/admin/'))
  await router.push('/feedback')
  const wrapper = mount(FeedbackView, { global: { plugins: [router, i18n] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

const q = (selector: string) => document.querySelector<HTMLElement>(selector)

describe('feedback page (A3.4)', () => {
  it("lists feedback with the tender's columns and sends the filters to the server", async () => {
    const api = mockApi({
      'GET /feedback-types': { body: [type] },
      'GET /feedback': { body: { items: [open], total: 1 } },
    })
    const wrapper = await mountFeedback(['feedback:feedback:view', 'feedback:feedback:reply'])
    const headers = [...document.querySelectorAll('[data-test="feedback-table"] th')].map((th) =>
      th.textContent?.trim(),
    )
    expect(headers).toEqual(
      expect.arrayContaining([
        '建议类型',
        '标题',
        '详情',
        '备案人姓名',
        '学号/工号',
        '部门/单位及被分管部门',
        '身份',
        '身份类型',
        '反馈时间',
        '状态',
      ]),
    )
    const table = q('[data-test="feedback-table"]')!.textContent
    expect(table).toContain('王小明')
    expect(table).toContain('机械学院')
    expect(q('[data-test="feedback-status-5"]')?.textContent).toContain('未回复')

    // The Element Plus pickers are driven through the page's filter model (their popups are not what is tested).
    const filter = (
      wrapper.vm as unknown as { filter: { typeId: number | null; replied: boolean | null; dates: unknown } }
    ).filter
    filter.typeId = 1
    filter.replied = false
    filter.dates = ['2026-11-01', '2026-11-30']
    q('[data-test="feedback-query"]')!.click()
    await flushPromises()
    const last = api.calls.filter((c) => c.path === '/feedback').at(-1)!
    expect(Object.fromEntries(last.search)).toMatchObject({
      typeId: '1',
      replied: 'false',
      from: '2026-11-01',
      to: '2026-11-30',
    })
    wrapper.unmount()
  })

  it('opens the details and replies', async () => {
    const api = mockApi({
      'GET /feedback-types': { body: [type] },
      'GET /feedback': { body: { items: [open], total: 1 } },
      'GET /feedback/5': {
        body: { ...open, images: [{ url: 'http://s3/a.png?X-Amz-Signature=1', contentType: 'image/png' }] },
      },
      'POST /feedback/5/reply': {
        body: { ...open, replied: true, reply: '已增开通道', repliedBy: 'admin', repliedAt: '2026-11-30T02:00:00Z' },
      },
    })
    const wrapper = await mountFeedback(['feedback:feedback:view', 'feedback:feedback:reply'])
    q('[data-test="feedback-open-5"]')!.click()
    await flushPromises()
    expect(q('[data-test="feedback-detail-details"]')?.textContent).toContain('排队很长')
    expect(q('[data-test="feedback-detail-images"] img')?.getAttribute('src')).toContain('X-Amz-Signature')
    // An empty reply is not sent.
    q('[data-test="feedback-reply-send"]')!.click()
    await flushPromises()
    expect(api.calls.some((c) => c.method === 'POST')).toBe(false)
    const text = q('[data-test="feedback-reply-text"]') as HTMLTextAreaElement
    text.value = '已增开通道'
    text.dispatchEvent(new Event('input'))
    q('[data-test="feedback-reply-send"]')!.click()
    await vi.waitFor(() => expect(q('[data-test="feedback-detail-reply"]')?.textContent).toContain('已增开通道'))
    expect(api.calls.find((c) => c.method === 'POST')?.body).toEqual({ reply: '已增开通道' })
    expect(messages()).toContain('已回复')
    wrapper.unmount()
  })

  it('offers no reply without the reply permission, and no type changes without the type permission', async () => {
    mockApi({
      'GET /feedback-types': { body: [type] },
      'GET /feedback': { body: { items: [open], total: 1 } },
      'GET /feedback/5': { body: open },
    })
    const wrapper = await mountFeedback(['feedback:feedback:view'])
    expect(q('[data-test="feedback-open-5"]')?.textContent).toContain('详情')
    q('[data-test="feedback-open-5"]')!.click()
    await flushPromises()
    expect(q('[data-test="feedback-reply-send"]')).toBeNull()
    expect(q('[data-test="feedback-type-create"]')).toBeNull()
    wrapper.unmount()
  })

  it('manages the types: create, disable', async () => {
    const api = mockApi({
      'GET /feedback-types': { body: [type] },
      'POST /feedback-types': { status: 201, body: { ...type, id: 2, name: '系统建议' } },
      'POST /feedback-types/1/disable': { body: { ...type, enabled: false } },
    })
    const wrapper = await mountFeedback(['feedback:type:manage'])
    expect(q('[data-test="feedback-table"]')).toBeNull()
    q('[data-test="feedback-type-create"]')!.click()
    await flushPromises()
    const name = q('input[data-test="feedback-type-name"]') as HTMLInputElement
    name.value = '系统建议'
    name.dispatchEvent(new Event('input'))
    q('[data-test="feedback-type-save"]')!.click()
    await flushPromises()
    expect(api.calls.find((c) => c.method === 'POST' && c.path.endsWith('/feedback-types'))?.body).toMatchObject({
      name: '系统建议',
    })
    q('[data-test="feedback-type-toggle-1"]')!.click()
    await flushPromises()
    expect(api.calls.some((c) => c.method === 'POST' && c.path.endsWith('/feedback-types/1/disable'))).toBe(true)
    wrapper.unmount()
  })
})
