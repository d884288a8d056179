import { describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory } from 'vue-router'
import { i18n } from '@/i18n'
import { createConsoleRouter } from '@/router'
import { setMe } from '@/staff'
import VisitorBookingsView from '@/views/VisitorBookingsView.vue'
import VisitorDepartmentStatsView from '@/views/VisitorDepartmentStatsView.vue'
import VisitorLeaderboardView from '@/views/VisitorLeaderboardView.vue'
import HomeView from '@/views/HomeView.vue'
import { mockApi } from './helpers'

// The chart draws on a canvas jsdom lacks; the home page's own part (recent visitors, the card) is what is tested.
vi.mock('@/components/TrendChart.vue', () => ({
  __esModule: true,
  default: defineComponent({
    props: { labels: { type: Array, required: true }, testId: { type: String, default: 'trend-chart' } },
    setup: (props) => () => h('div', { 'data-test': props.testId }, String(props.labels.length)),
  }),
}))

const booking = {
  id: 41,
  kind: 'HOST_INVITATION',
  status: 'VISITED',
  date: '2026-12-01',
  slot: 'MORNING',
  visitorId: 7,
  visitorName: '王建国',
  visitorPhoneMasked: '138****8000',
  companionCount: 2,
  hostId: 3,
  hostName: '李老师',
  departmentId: 5,
  departmentName: '外国语学院',
  reason: '学术交流',
  transport: 'CAR',
  plate: '苏A12345',
  visitedAt: '2026-12-01T01:30:00Z',
  gateId: 2,
  gateName: '东门',
  method: 'GUARD',
  createdAt: '2026-11-30T08:00:00Z',
}

const common = {
  'GET /gates': { body: [] },
  'GET /campuses': { body: [] },
  'GET /departments': { body: [{ id: 5, name: '外国语学院', parentId: null, enabled: true, sortOrder: 0 }] },
}

async function mountAt(path: string, component: object, permissions: string[]) {
  i18n.global.locale.value = 'zh-CN'
  setMe({ username: 'admin', name: '王', phone: null, roles: [], roleNames: [], permissions, school: null })
  const router = createConsoleRouter(createMemoryHistory('/admin/'))
  await router.push(path)
  const wrapper = mount(component, { global: { plugins: [router, i18n] }, attachTo: document.body })
  await flushPromises()
  return { wrapper, router }
}

describe('visitor booking records', () => {
  it('lists bookings with the spec columns, sends the filters and opens the details', async () => {
    const api = mockApi({
      ...common,
      'GET /visitor-bookings': { body: { items: [booking], total: 1, totalExact: true } },
      'GET /visitor-bookings/41': {
        body: {
          booking,
          companions: [
            { name: '张随行', plate: null },
            { name: '赵随行', plate: '苏A54321' },
          ],
          visitorIdNumberMasked: '110***********0021',
          rejectReason: null,
          decidedBy: 'visitor:7',
          decidedAt: '2026-11-30T09:00:00Z',
          pledgeAcceptedAt: '2026-11-30T09:00:00Z',
          campusName: '主校区',
        },
      },
    })
    const { wrapper } = await mountAt('/visitors/bookings', VisitorBookingsView, [
      'visitor:booking:list',
      'visitor:booking:view',
    ])
    const table = document.querySelector('[data-test="visitor-bookings-table"]')
    for (const text of [
      '王建国',
      '138****8000',
      '2 人',
      '李老师',
      '教师邀请',
      '外国语学院',
      '苏A12345',
      '已访问',
      '保安核验',
    ])
      expect(table?.textContent).toContain(text)
    await wrapper
      .find('input[data-test="vbookings-search"], [data-test="vbookings-search"] input')
      .setValue('13800138000')
    await wrapper.find('[data-test="vbookings-query"]').trigger('click')
    await flushPromises()
    const last = api.calls.filter((c) => c.path === '/visitor-bookings').at(-1)
    expect(last?.search.get('q')).toBe('13800138000')
    expect(last?.search.get('page')).toBe('0')

    await wrapper.find('.el-table__row').trigger('click')
    await flushPromises()
    const drawer = document.querySelector('[data-test="vbooking-detail"]')
    expect(drawer?.textContent).toContain('赵随行（苏A54321）')
    expect(drawer?.textContent).toContain('110***********0021')
    expect(drawer?.textContent).toContain('主校区 · 东门')
    wrapper.unmount()
  })

  it('takes a drill-down from the query string', async () => {
    const api = mockApi({ ...common, 'GET /visitor-bookings': { body: { items: [], total: 0, totalExact: true } } })
    const { wrapper } = await mountAt(
      '/visitors/bookings?visitorId=7&visitorName=王建国&from=2026-11-01&to=2026-11-30&departmentId=5',
      VisitorBookingsView,
      ['visitor:booking:list'],
    )
    const call = api.calls.filter((c) => c.path === '/visitor-bookings').at(-1)
    expect(call?.search.get('visitorId')).toBe('7')
    expect(call?.search.get('departmentId')).toBe('5')
    expect(call?.search.get('from')).toBe('2026-11-01')
    expect(call?.search.get('to')).toBe('2026-11-30')
    expect(wrapper.find('[data-test="vbookings-visitor"]').text()).toContain('王建国')
    wrapper.unmount()
  })
})

describe('department visitor statistics', () => {
  it('shows the four figures per department, changes preset and drills down with the period', async () => {
    const api = mockApi({
      'GET /visitor-stats/departments': {
        body: {
          period: { preset: 'LAST_30_DAYS', from: '2026-11-02', to: '2026-12-01' },
          items: [
            {
              departmentId: 5,
              departmentName: '外国语学院',
              actualBookings: 3,
              expectedBookings: 5,
              actualPeople: 4,
              expectedPeople: 8,
            },
          ],
        },
      },
    })
    const { wrapper, router } = await mountAt('/visitors/departments', VisitorDepartmentStatsView, [
      'visitor:stats:view',
      'visitor:booking:list',
    ])
    expect(api.calls.at(-1)?.search.get('preset')).toBe('LAST_30_DAYS')
    const table = document.querySelector('[data-test="visitor-department-stats-table"]')
    expect(table?.textContent).toContain('外国语学院')
    expect(table?.textContent).toContain('应到预约人数')
    expect(table?.textContent).toContain('合计')

    await wrapper.find('[data-test="preset-LAST_7_DAYS"] input').setValue(true)
    await flushPromises()
    expect(api.calls.at(-1)?.search.get('preset')).toBe('LAST_7_DAYS')

    await wrapper.find('[data-test="dept-drill"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.name).toBe('visitor-bookings')
    expect(router.currentRoute.value.query).toMatchObject({ departmentId: '5', from: '2026-11-02', to: '2026-12-01' })
    wrapper.unmount()
  })
})

describe('visitor leaderboard', () => {
  it('ranks visitors, shows the masked ID and drills down to their bookings', async () => {
    mockApi({
      'GET /visitor-stats/leaderboard': {
        body: {
          period: { preset: 'ALL', from: null, to: null },
          items: [
            {
              rank: 1,
              visitorId: 7,
              visitorName: '王建国',
              idNumberMasked: '110***********0021',
              phoneMasked: '138****8000',
              visits: 9,
              bookings: 11,
            },
          ],
        },
      },
    })
    const { wrapper, router } = await mountAt('/visitors/leaderboard', VisitorLeaderboardView, [
      'visitor:stats:view',
      'visitor:booking:list',
    ])
    const table = document.querySelector('[data-test="visitor-leaderboard-table"]')
    expect(table?.textContent).toContain('110***********0021')
    expect(table?.textContent).toContain('实际访问次数')
    await wrapper.find('[data-test="leader-drill"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query).toMatchObject({ visitorId: '7', visitorName: '王建国' })
    expect(router.currentRoute.value.query.from).toBeUndefined()
    wrapper.unmount()
  })
})

describe('home visitors', () => {
  it('lists recent visitors and hands the 30 days to the chart', async () => {
    mockApi({
      'GET /home': {
        body: {
          registrants: { total: 1, registered: 1 },
          campuses: 1,
          gates: { total: 1, enabled: 1 },
          access: { passedToday: 0, deniedToday: 0 },
        },
      },
      'GET /home/visitors': {
        body: {
          recent: [
            {
              bookingId: 41,
              visitorName: '王建国',
              visitorPhoneMasked: '138****8000',
              companionCount: 2,
              hostName: '李老师',
              departmentName: '外国语学院',
              gateName: '东门',
              visitedAt: '2026-12-01T01:30:00Z',
            },
          ],
          trend: Array.from({ length: 30 }, (_, i) => ({
            date: `2026-11-${String(i + 1).padStart(2, '0')}`,
            bookings: i,
            visits: i,
          })),
        },
      },
    })
    const { wrapper } = await mountAt('/home', HomeView, ['home:dashboard:view'])
    await flushPromises()
    expect(wrapper.find('[data-test="home-recent-visitors"]').text()).toContain('王建国')
    expect(wrapper.find('[data-test="home-recent-visitors"]').text()).toContain('随行 2 人')
    expect(wrapper.find('[data-test="visitor-trend-chart"]').text()).toBe('30')
    wrapper.unmount()
  })
})
