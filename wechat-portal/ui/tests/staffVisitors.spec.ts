import { describe, expect, it } from 'vitest'
import { applyLocale } from '@/i18n'
import { mockApi, mountAt, settle, type Call } from './helpers'

const API = '/admin/api/visitor-stats'

const OVERVIEW = {
  today: '2026-12-02',
  totalVisits: 1234,
  totalVisitPeople: 1502,
  todayExpected: 12,
  todayExpectedPeople: 15,
  todayActual: 7,
  todayActualPeople: 9,
}

const DAYS = ['2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02']

function daily(call: Call) {
  const preset = call.search.get('preset')
  if (preset === 'ALL') {
    return {
      body: {
        from: '2025-01-05',
        to: '2026-12-02',
        unit: 'MONTH',
        items: [
          { from: '2025-01-05', to: '2025-01-31', visits: 3, visitPeople: 4, bookings: 5 },
          { from: '2025-02-01', to: '2025-02-28', visits: 8, visitPeople: 9, bookings: 10 },
        ],
      },
    }
  }
  const days = preset === 'CUSTOM' ? 2 : 7
  return {
    body: {
      from: '2026-11-26',
      to: '2026-12-02',
      unit: 'DAY',
      items: DAYS.slice(0, days).map((day, i) => ({
        from: day,
        to: day,
        visits: i,
        visitPeople: i * 2,
        bookings: i + 1,
      })),
    },
  }
}

const DEPARTMENTS = {
  items: [
    {
      departmentId: 1,
      departmentName: '计算机学院',
      actualBookings: 5,
      expectedBookings: 7,
      actualPeople: 8,
      expectedPeople: 9,
    },
    {
      departmentId: null,
      departmentName: null,
      actualBookings: 1,
      expectedBookings: 1,
      actualPeople: 2,
      expectedPeople: 2,
    },
  ],
}

const LEADERS = {
  items: [
    { rank: 1, visitorId: 9, visitorName: '王访客', phoneMasked: '138****8000', visits: 3, bookings: 4 },
    { rank: 2, visitorId: 10, visitorName: '李访客', phoneMasked: '137****7000', visits: 1, bookings: 1 },
  ],
}

const GATES = {
  items: [
    { campusId: 1, campusName: '主校区', gateId: 11, gateName: '东门', bookings: 3, people: 5 },
    { campusId: 1, campusName: '主校区', gateId: 12, gateName: '西门', bookings: 1, people: 1 },
    { campusId: 2, campusName: '东校区', gateId: 21, gateName: '正门', bookings: 0, people: 0 },
  ],
}

function mockAll() {
  return mockApi({
    [`GET ${API}/overview`]: { body: OVERVIEW },
    [`GET ${API}/daily`]: daily,
    [`GET ${API}/departments`]: { body: DEPARTMENTS },
    [`GET ${API}/leaderboard`]: { body: LEADERS },
    [`GET ${API}/gates`]: { body: GATES },
  })
}

async function openTab(wrapper: Awaited<ReturnType<typeof mountAt>>['wrapper'], index: number) {
  await wrapper.findAll('.van-tab')[index].trigger('click')
  await settle()
}

describe('staff visitor analytics (S3)', () => {
  it('shows the overview, a 7-day trend chart and details with the staff token, and switches presets', async () => {
    const api = mockAll()
    const { wrapper, router } = await mountAt('/demo/staff/visitors')
    expect(router.currentRoute.value.name).toBe('staff-visitors')
    expect(router.currentRoute.value.meta.staff).toBe(true)
    expect(wrapper.find('[data-test="total"]').text()).toBe('1234')
    expect(wrapper.find('[data-test="expected"]').text()).toBe('12')
    expect(wrapper.find('[data-test="actual"]').text()).toBe('7')
    expect(wrapper.find('[data-test="overview"]').text()).toContain('1502 人')
    const calls = api.calls.filter((c) => c.path === `${API}/daily`)
    expect(calls).toHaveLength(2)
    expect(calls.every((c) => c.search.get('preset') === 'LAST_7_DAYS')).toBe(true)
    expect(calls[0].headers.Authorization).toBe('Bearer staff-token')
    // The chart: two series of seven points; the table newest first.
    const chart = wrapper.find('[data-test="daily-chart"]')
    expect(chart.findAll('polyline')).toHaveLength(2)
    expect(chart.findAll('circle')).toHaveLength(14)
    expect(chart.text()).toContain('到访预约数')
    const table = wrapper.find('[data-test="daily-table"] tbody')
    expect(table.findAll('tr')).toHaveLength(7)
    expect(table.find('tr').text()).toContain('2026-12-02')

    // 全部 on the details: by month.
    await wrapper.find('[data-test="daily-table"] [data-preset="ALL"]').trigger('click')
    await settle()
    expect(
      api.calls
        .filter((c) => c.path === `${API}/daily`)
        .at(-1)
        ?.search.get('preset'),
    ).toBe('ALL')
    expect(wrapper.find('[data-test="daily-table"]').text()).toContain('按月汇总')
    expect(wrapper.find('[data-test="daily-table"] tbody tr').text()).toContain('2025-02')
    // The chart kept its own period.
    expect(wrapper.find('[data-test="daily-chart"]').findAll('circle')).toHaveLength(14)
  })

  it('asks for a custom range only when both dates are set and in order', async () => {
    const api = mockAll()
    const { wrapper } = await mountAt('/demo/staff/visitors')
    const chart = wrapper.find('[data-test="daily-chart"]')
    await chart.find('[data-preset="CUSTOM"]').trigger('click')
    await chart.find('[data-test="from"]').setValue('2026-11-30')
    await chart.find('[data-test="to"]').setValue('2026-11-01')
    await chart.find('[data-test="apply"]').trigger('click')
    await settle()
    expect(chart.find('[role="alert"]').text()).toContain('开始不晚于结束')
    const before = api.count(`GET ${API}/daily`)
    await chart.find('[data-test="to"]').setValue('2026-12-01')
    await chart.find('[data-test="apply"]').trigger('click')
    await settle()
    expect(api.count(`GET ${API}/daily`)).toBe(before + 1)
    const last = api.calls.filter((c) => c.path === `${API}/daily`).at(-1)!
    expect([last.search.get('preset'), last.search.get('from'), last.search.get('to')]).toEqual([
      'CUSTOM',
      '2026-11-30',
      '2026-12-01',
    ])
    expect(wrapper.find('[data-test="daily-chart"]').findAll('circle')).toHaveLength(4)
  })

  it('lists departments, visitors and gates for today, then for 30 days', async () => {
    const api = mockAll()
    const { wrapper } = await mountAt('/demo/staff/visitors')
    await openTab(wrapper, 1)
    const departments = wrapper.find('[data-test="departments"]')
    expect(api.calls.find((c) => c.path === `${API}/departments`)?.search.get('preset')).toBe('TODAY')
    expect(departments.findAll('tbody tr').map((r) => r.text())).toEqual(['计算机学院58', '未分配部门12'])
    expect(departments.find('tfoot').text()).toBe('合计610')

    await openTab(wrapper, 2)
    const visitors = wrapper.find('[data-test="visitors"]')
    expect(visitors.findAll('tbody tr')).toHaveLength(2)
    expect(visitors.find('tbody tr').text()).toContain('王访客')
    expect(visitors.find('tbody tr').text()).toContain('138****8000')
    expect(visitors.text()).not.toMatch(/1380013800/)
    expect(api.calls.find((c) => c.path === `${API}/leaderboard`)?.search.get('preset')).toBe('TODAY')

    await openTab(wrapper, 3)
    const gates = wrapper.find('[data-test="gates"]')
    expect(gates.findAll('.sv-group').map((r) => r.text())).toEqual(['主校区6', '东校区0'])
    expect(gates.text()).toContain('东门')
    const panel = wrapper.findAll('.van-tab__panel').at(-1)!
    await panel.find('[data-preset="LAST_30_DAYS"]').trigger('click')
    await settle()
    expect(
      api.calls
        .filter((c) => c.path === `${API}/gates`)
        .at(-1)
        ?.search.get('preset'),
    ).toBe('LAST_30_DAYS')
  })

  it('speaks English when chosen', async () => {
    mockAll()
    await applyLocale('en')
    const { wrapper } = await mountAt('/demo/staff/visitors')
    expect(wrapper.text()).toContain('Visitor analytics')
    expect(wrapper.text()).toContain('Expected today')
    expect(wrapper.findAll('.van-tab').map((t) => t.text())).toEqual(['Overview', 'Departments', 'Visitors', 'Gates'])
  })

  it('shows the error message of a refused request', async () => {
    mockApi({
      [`GET ${API}/overview`]: { status: 403, body: { code: 'ACCESS_DENIED', message: '没有权限' } },
      [`GET ${API}/daily`]: { status: 403, body: { code: 'ACCESS_DENIED', message: '没有权限' } },
    })
    const { wrapper } = await mountAt('/demo/staff/visitors')
    expect(wrapper.findAll('[role="alert"]').map((a) => a.text())).toEqual([
      '没有权限',
      expect.stringContaining('没有权限'),
      expect.stringContaining('没有权限'),
    ])
  })
})
