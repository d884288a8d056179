import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory } from 'vue-router'
import { i18n } from '@/i18n'
import { createConsoleRouter } from '@/router'
import { setMe } from '@/staff'
import TermsView from '@/views/TermsView.vue'
import { messages, mockApi } from './helpers'

const stamp = { sortOrder: 0, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-02T00:00:00Z' }
const year = {
  id: 2,
  name: '2026-2027学年',
  startDate: '2026-08-24',
  endDate: '2027-08-22',
  enabled: true,
  updatedBy: 'officer1',
  ...stamp,
}
const older = {
  id: 1,
  name: '2025-2026学年',
  startDate: '2025-08-25',
  endDate: '2026-08-23',
  enabled: false,
  updatedBy: null,
  ...stamp,
}
const autumn = {
  id: 11,
  academicYearId: 2,
  academicYearName: '2026-2027学年',
  name: '第一学期（秋季）',
  startDate: '2026-09-07',
  endDate: '2027-01-22',
  enabled: true,
  updatedBy: 'officer2',
  ...stamp,
}
const spring = { ...autumn, id: 12, name: '第二学期（春季）', startDate: '2027-02-22', endDate: '2027-07-09' }

async function mountTerms() {
  i18n.global.locale.value = 'zh-CN'
  setMe({
    username: 'admin',
    name: '王',
    phone: null,
    roles: [],
    roleNames: [],
    permissions: ['organization:term:view'],
    school: null,
  })
  const router = createConsoleRouter(createMemoryHistory('/admin/'))
  await router.push('/terms')
  const wrapper = mount(TermsView, { global: { plugins: [router, i18n] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

const q = (selector: string) => document.querySelector<HTMLElement>(selector)

describe('academic years and terms page', () => {
  it('lists years with their terms, earliest term first, and who changed them', async () => {
    mockApi({ 'GET /academic-years': { body: [year, older] }, 'GET /terms': { body: [spring, autumn] } })
    await mountTerms()
    expect(q("[data-test='year-row-2']")?.dataset.name).toBe('2026-2027学年')
    expect(q("[data-test='year-row-2']")?.textContent).toContain('officer1')
    expect(q("[data-test='year-row-1']")?.textContent).toContain('停用')
    const terms = [...document.querySelectorAll<HTMLElement>("[data-test='year-terms-2'] [data-test^='term-row-']")]
    expect(terms.map((r) => r.dataset.name)).toEqual(['第一学期（秋季）', '第二学期（春季）'])
    expect(terms[0].textContent).toContain('2026-09-07')
    expect(terms[0].textContent).toContain('officer2')
    expect(q("[data-test='year-terms-1']")?.textContent).toContain('该学年还没有学期')
  })

  it('adds a term to a year: the dialog starts on that year and sends the dates', async () => {
    const api = mockApi({
      'GET /academic-years': { body: [year] },
      'GET /terms': { body: [] },
      'POST /terms': {
        status: 409,
        body: { code: 'TERM_OVERLAP', message: '学期日期不能与同一学年的其他学期重叠 (第一学期)' },
      },
    })
    const wrapper = await mountTerms()
    q("[data-test='year-row-2'] [data-test='term-create']")!.click()
    await flushPromises()
    const view = wrapper.vm as unknown as { $: { setupState: { termDraft: Record<string, unknown> } } }
    const draft = view.$.setupState.termDraft
    expect(draft.academicYearId).toBe(2)
    const name = q("input[data-test='term-name']") as HTMLInputElement
    name.value = '第二学期'
    name.dispatchEvent(new Event('input'))
    draft.startDate = '2026-12-01'
    draft.endDate = '2027-03-01'
    await flushPromises()
    q("[data-test='term-dialog-save']")!.click()
    await vi.waitFor(() => expect(messages().join()).toContain('学期日期不能与同一学年的其他学期重叠'))
    expect(api.calls.find((c) => c.method === 'POST')?.body).toEqual({
      academicYearId: 2,
      name: '第二学期',
      startDate: '2026-12-01',
      endDate: '2027-03-01',
      sortOrder: 0,
      enabled: true,
    })
  })

  it('disables a year by saving it with enabled=false', async () => {
    const api = mockApi({
      'GET /academic-years': { body: [year] },
      'GET /terms': { body: [autumn] },
      'PUT /academic-years/2': { body: { ...year, enabled: false } },
    })
    await mountTerms()
    q("[data-test='year-row-2'] > td [data-test='row-toggle']")!.click()
    await flushPromises()
    expect(api.calls.find((c) => c.method === 'PUT')).toMatchObject({
      path: '/academic-years/2',
      body: { name: '2026-2027学年', startDate: '2026-08-24', endDate: '2027-08-22', sortOrder: 0, enabled: false },
    })
  })

  it('looks up the term of a date in one call and says when there is none', async () => {
    const api = mockApi({
      'GET /academic-years': { body: [year] },
      'GET /terms': { body: [autumn] },
      'GET /terms/of': [
        {
          body: {
            termId: 11,
            termName: '第一学期（秋季）',
            academicYearId: 2,
            academicYearName: '2026-2027学年',
            startDate: '2026-09-07',
            endDate: '2027-01-22',
          },
        },
        { status: 404, body: { code: 'NO_TERM_ON_DATE', message: '该日期不在任何启用的学期内' } },
      ],
    })
    const wrapper = await mountTerms()
    const state = (wrapper.vm as unknown as { $: { setupState: { lookupDate: string; lookup: () => Promise<void> } } })
      .$.setupState
    state.lookupDate = '2026-10-01'
    await state.lookup()
    await flushPromises()
    expect(api.calls.find((c) => c.path === '/terms/of')?.search.get('date')).toBe('2026-10-01')
    expect(q("[data-test='term-lookup-result']")?.textContent).toBe('2026-10-01 属于 2026-2027学年 · 第一学期（秋季）')
    state.lookupDate = '2026-08-01'
    await state.lookup()
    await flushPromises()
    expect(q("[data-test='term-lookup-result']")?.textContent).toBe('该日期不在任何启用的学期内')
    expect(messages()).toEqual([])
  })
})
