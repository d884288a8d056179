import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory } from 'vue-router'
import { i18n } from '@/i18n'
import { createConsoleRouter } from '@/router'
import { menuFor } from '@/permissions'
import { setMe } from '@/staff'
import { todayInShanghai } from '@/composables/useBoard'
import ViolatorLeaderboardView from '@/views/ViolatorLeaderboardView.vue'
import VehicleLeaderboardView from '@/views/VehicleLeaderboardView.vue'
import { mockApi } from './helpers'

const years = [{ id: 1, name: '2026-2027学年', startDate: '2026-08-24', endDate: '2027-08-20', enabled: true }]
const terms = [
  {
    id: 11,
    academicYearId: 1,
    academicYearName: '2026-2027学年',
    name: '第一学期',
    startDate: '2026-09-01',
    endDate: '2027-01-17',
    enabled: true,
  },
  {
    id: 12,
    academicYearId: 1,
    academicYearName: '2026-2027学年',
    name: '第二学期',
    startDate: '2027-02-22',
    endDate: '2027-07-04',
    enabled: true,
  },
]
const termToday = {
  termId: 11,
  termName: '第一学期',
  academicYearId: 1,
  academicYearName: '2026-2027学年',
  startDate: '2026-09-01',
  endDate: '2027-01-17',
}
const period = { from: '2026-09-01', to: '2027-01-17', empty: false }
const ticket = {
  id: 501,
  ticketNo: 'WZ20261020000501',
  target: 'REGISTRANT',
  registrantId: 7,
  visitorId: null,
  vehicleId: 3,
  vehicleType: 'MOTOR',
  plate: '沪A10001',
  targetName: '王小明',
  targetNumber: '2025010001',
  targetIdentity: 'STUDENT',
  targetPhoneMasked: '139****0001',
  itemId: 2,
  itemName: '违规停车',
  points: 2,
  status: 'EFFECTIVE',
  issuedBy: 'admin',
  issuedAt: '2026-10-20T02:00:00Z',
  location: null,
  remark: null,
  revokeReason: null,
  revokedBy: null,
  revokedAt: null,
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

afterEach(() => {
  document.body.innerHTML = ''
})

describe('violation leaderboards menu', () => {
  it('lists both boards in 数据分析 beside the visitor leaderboard, by permission', () => {
    const names = menuFor(['violation:stats:view', 'visitor:stats:view'])
      .filter((m) => m.group !== 'account')
      .map((m) => [m.name, m.group])
    expect(names).toEqual([
      ['visitor-department-stats', 'analytics'],
      ['visitor-leaderboard', 'analytics'],
      ['violator-leaderboard', 'analytics'],
      ['vehicle-leaderboard', 'analytics'],
    ])
    expect(menuFor(['violation:ticket:list']).map((m) => m.name)).not.toContain('violator-leaderboard')
  })

  it('knows today in Shanghai across the UTC date line', () => {
    expect(todayInShanghai(new Date('2026-12-01T16:30:00Z'))).toBe('2026-12-02')
    expect(todayInShanghai(new Date('2026-12-01T15:59:00Z'))).toBe('2026-12-01')
  })
})

describe('violator leaderboard', () => {
  it('opens on the current term, sends the filters and drills down to the registrant and their tickets', async () => {
    const api = mockApi({
      'GET /academic-years': { body: years },
      'GET /terms': { body: terms },
      'GET /terms/of': { body: termToday },
      'GET /violation-stats/violators': {
        body: {
          period,
          total: 12,
          items: [
            {
              rank: 1,
              registrantId: 7,
              name: '王小明',
              number: '2025010001',
              phoneMasked: '139****0001',
              identity: 'STUDENT',
              tickets: 5,
              lastIssuedAt: '2026-10-20T02:00:00Z',
            },
            {
              rank: 2,
              registrantId: 8,
              name: '张建国',
              number: 'T0001',
              phoneMasked: '139****0003',
              identity: 'TEACHER',
              tickets: 3,
              lastIssuedAt: '2026-10-18T02:00:00Z',
            },
          ],
        },
      },
      'GET /registrants/7': {
        body: {
          id: 7,
          name: '王小明',
          identity: 'STUDENT',
          number: '2025010001',
          phone: '139****0001',
          idTail: '****1X',
          departmentId: 5,
          departmentName: '机械工程学院',
          managedDepartmentId: null,
          managedDepartmentName: null,
          enabled: true,
          createdAt: '2026-09-01T00:00:00Z',
        },
      },
      'GET /tickets': { body: { items: [ticket], total: 1 } },
    })
    const { wrapper } = await mountAt('/violations/violators', ViolatorLeaderboardView, [
      'violation:stats:view',
      'registrant:registrant:view',
      'violation:ticket:list',
    ])
    const first = api.calls.filter((c) => c.path === '/violation-stats/violators')
    expect(first).toHaveLength(1)
    expect(first[0].search.get('termId')).toBe('11')
    expect(first[0].search.get('limit')).toBe('50')
    const table = document.querySelector('[data-test="violator-board"]')
    for (const text of ['罚单次数', '人员手机', '王小明', '2025010001', '139****0001', '学生', '教师'])
      expect(table?.textContent).toContain(text)
    expect(document.querySelector('[data-test="board-help"]')?.textContent).toContain('共 12 人')
    expect(document.querySelector('[data-test="board-help"]')?.textContent).toContain('2026-09-01 至 2027-01-17')

    await wrapper.find('[data-test="board-drill"]').trigger('click')
    await flushPromises()
    const drawer = document.querySelector('[data-test="violator-detail"]')
    expect(drawer?.textContent).toContain('机械工程学院')
    expect(drawer?.textContent).toContain('****1X')
    expect(drawer?.textContent).toContain('WZ20261020000501')
    const tickets = api.calls.filter((c) => c.path === '/tickets').at(-1)
    expect(tickets?.search.get('registrantId')).toBe('7')
    expect(tickets?.search.get('status')).toBe('EFFECTIVE')
    expect(tickets?.search.get('from')).toBe('2026-09-01')
    expect(tickets?.search.get('to')).toBe('2027-01-17')
    wrapper.unmount()
  })

  it('loads the whole history when today is in no term, and again with an identity', async () => {
    const api = mockApi({
      'GET /academic-years': { body: [] },
      'GET /terms': { body: [] },
      'GET /terms/of': { status: 400, body: { code: 'NO_TERM_ON_DATE', message: '无学期' } },
      'GET /violation-stats/violators': {
        body: { period: { from: null, to: null, empty: false }, total: 0, items: [] },
      },
    })
    const { wrapper } = await mountAt('/violations/violators', ViolatorLeaderboardView, ['violation:stats:view'])
    const calls = () => api.calls.filter((c) => c.path === '/violation-stats/violators')
    expect(calls()).toHaveLength(1)
    expect(calls()[0].search.get('termId')).toBeNull()
    const vm = wrapper.findComponent({ name: 'ElSelect' })
    expect(vm.exists()).toBe(true)
    // The identity select is the last select of the toolbar.
    const selects = wrapper.findAllComponents({ name: 'ElSelect' })
    selects.at(-1)!.vm.$emit('update:modelValue', 'TEACHER')
    await flushPromises()
    expect(calls().at(-1)?.search.get('identity')).toBe('TEACHER')
    wrapper.unmount()
  })
})

describe('vehicle leaderboard', () => {
  it('shows the spec columns, filters by type and status and drills down to the vehicle', async () => {
    const api = mockApi({
      'GET /academic-years': { body: years },
      'GET /terms': { body: terms },
      'GET /terms/of': { body: termToday },
      'GET /violation-stats/vehicles': {
        body: {
          period,
          total: 1,
          items: [
            {
              rank: 1,
              vehicleId: 3,
              type: 'MOTOR',
              plate: '沪A10001',
              ownerName: '王大明',
              status: 'PENDING',
              registrantId: 7,
              registrantName: '王小明',
              tickets: 4,
              lastIssuedAt: '2026-10-20T02:00:00Z',
            },
          ],
        },
      },
      'GET /vehicles/3': {
        body: {
          id: 3,
          type: 'MOTOR',
          plate: '沪A10001',
          ownerName: '王大明',
          relation: 'PARENT',
          registrantId: 7,
          registrantName: '王小明',
          registrantNumber: '2025010001',
          registrantIdentity: 'STUDENT',
          registrantPhone: '139****0001',
          departmentName: '机械工程学院',
          status: 'PENDING',
          enabled: true,
          longTerm: false,
          validUntil: null,
          labelPrintCount: 0,
          submittedAt: '2026-09-02T00:00:00Z',
          reviewedAt: null,
        },
      },
      'GET /tickets': { body: { items: [ticket], total: 1 } },
    })
    const { wrapper } = await mountAt('/violations/vehicles', VehicleLeaderboardView, [
      'violation:stats:view',
      'vehicle:vehicle:view',
      'violation:ticket:list',
    ])
    const table = document.querySelector('[data-test="vehicle-board"]')
    for (const text of ['罚单次数', '车辆类型', '机动车', '沪A10001', '车辆所有人', '王大明', '待审核'])
      expect(table?.textContent).toContain(text)
    const selects = wrapper.findAllComponents({ name: 'ElSelect' })
    selects[0].vm.$emit('update:modelValue', 'EBIKE')
    await flushPromises()
    selects[1].vm.$emit('update:modelValue', 'APPROVED')
    await flushPromises()
    const last = api.calls.filter((c) => c.path === '/violation-stats/vehicles').at(-1)
    expect(last?.search.get('type')).toBe('EBIKE')
    expect(last?.search.get('status')).toBe('APPROVED')
    expect(last?.search.get('termId')).toBe('11')

    await wrapper.find('[data-test="board-drill"]').trigger('click')
    await flushPromises()
    const drawer = document.querySelector('[data-test="vehicle-detail"]')
    expect(drawer?.textContent).toContain('父母')
    expect(drawer?.textContent).toContain('WZ20261020000501')
    const tickets = api.calls.filter((c) => c.path === '/tickets').at(-1)
    expect(tickets?.search.get('vehicleId')).toBe('3')
    expect(tickets?.search.get('status')).toBe('EFFECTIVE')
    wrapper.unmount()
  })
})
