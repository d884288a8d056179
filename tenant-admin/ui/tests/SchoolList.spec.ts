import { describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import SchoolList from '@/views/SchoolList.vue'
import { mockApi, mountView } from './helpers'

const row = (code: string, name: string, status: string, extra = {}) => ({
  code,
  name,
  status,
  onboardingStep: null,
  onboardingError: null,
  createdAt: '2026-11-20T08:00:00Z',
  ...extra,
})

const PAGE = {
  items: [
    row('tsinghua', '清华大学', 'ACTIVE'),
    row('fudan', '复旦大学', 'SUSPENDED'),
    row('zju', '浙江大学', 'FAILED', { onboardingStep: 'REALM', onboardingError: 'realm 创建超时' }),
    row('nju', '南京大学', 'OFFBOARDED'),
    row('pku', '北京大学', 'OFFBOARDING'),
  ],
  total: 42,
}

describe('school list', () => {
  it('renders each school with its status code and Chinese label', async () => {
    const api = mockApi({ 'GET /schools': { body: PAGE } })
    const { wrapper } = await mountView(SchoolList)

    const expected: Record<string, [string, string]> = {
      tsinghua: ['ACTIVE', '已启用'],
      fudan: ['SUSPENDED', '已暂停'],
      zju: ['FAILED', '开通失败'],
      nju: ['OFFBOARDED', '已注销'],
      pku: ['OFFBOARDING', '注销中'],
    }
    for (const [code, [status, label]] of Object.entries(expected)) {
      const tr = wrapper.find(`tr[data-test="school-row-${code}"]`)
      expect(tr.exists(), code).toBe(true)
      expect(tr.attributes('data-status')).toBe(status)
      expect(tr.find(`[data-status="${status}"]`).text()).toBe(label)
    }
    // Tag colours follow the status.
    expect(wrapper.find('tr[data-test="school-row-tsinghua"] .el-tag').classes()).toContain('el-tag--success')
    expect(wrapper.find('tr[data-test="school-row-zju"] .el-tag').classes()).toContain('el-tag--danger')
    // Row actions depend on the status.
    expect(wrapper.find('tr[data-test="school-row-tsinghua"] [data-test="row-suspend"]').exists()).toBe(true)
    expect(wrapper.find('tr[data-test="school-row-fudan"] [data-test="row-resume"]').exists()).toBe(true)
    expect(wrapper.find('tr[data-test="school-row-zju"] [data-test="row-retry"]').exists()).toBe(true)
    expect(wrapper.find('tr[data-test="school-row-nju"] [data-test="row-suspend"]').exists()).toBe(false)
    // The failed step is named.
    expect(wrapper.find('tr[data-test="school-row-zju"]').text()).toContain('身份认证')
    expect(wrapper.find('.el-pagination__total').text()).toContain('42')

    expect(api.calls[0].search.get('page')).toBe('0')
    expect(api.calls[0].search.get('size')).toBe('20')
  })

  it('sends the search text and status filter from the URL', async () => {
    const api = mockApi({ 'GET /schools': { body: { items: [row('tsinghua', '清华大学', 'ACTIVE')], total: 1 } } })
    const { wrapper } = await mountView(SchoolList, { at: '/schools?q=清华&status=ACTIVE&page=3' })

    const call = api.calls[0]
    expect(call.search.get('q')).toBe('清华')
    expect(call.search.get('status')).toBe('ACTIVE')
    expect(call.search.get('page')).toBe('2')
    expect((wrapper.find('input[data-test="school-search"]').element as HTMLInputElement).value).toBe('清华')
  })

  it('searches when the operator presses Enter in the search box', async () => {
    const api = mockApi({ 'GET /schools': { body: { items: [], total: 0 } } })
    const { wrapper, router } = await mountView(SchoolList)
    const search = wrapper.find('input[data-test="school-search"]')
    await search.setValue('fudan')
    await search.trigger('keyup', { key: 'Enter' })
    await flushPromises()

    expect(router.currentRoute.value.query.q).toBe('fudan')
    expect(api.calls.at(-1)!.search.get('q')).toBe('fudan')
    expect(wrapper.text()).toContain('暂无学校')
  })
})
