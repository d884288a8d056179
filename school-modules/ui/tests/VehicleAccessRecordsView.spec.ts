import { describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory } from 'vue-router'
import { i18n } from '@/i18n'
import { createConsoleRouter } from '@/router'
import { setMe } from '@/staff'
import VehicleAccessRecordsView from '@/views/VehicleAccessRecordsView.vue'
import { mockApi } from './helpers'

const denied = {
  id: 9,
  plate: '粤B22222',
  direction: 'IN',
  confidence: 0.95,
  vehicleType: 'MOTOR',
  name: '车主甲',
  number: 'T900001',
  identity: 'TEACHER',
  departmentName: '车辆学院',
  campusName: '主校区',
  gateName: '东门车行道',
  allowed: false,
  reason: 'PENDING',
  snapshotUrl: null,
  eventAt: '2026-12-01T01:00:00Z',
  recordedAt: '2026-12-01T01:00:00Z',
}

async function mountView(permissions: string[]) {
  i18n.global.locale.value = 'zh-CN'
  setMe({ username: 'admin', name: '王', phone: null, roles: [], roleNames: [], permissions, school: null })
  const router = createConsoleRouter(createMemoryHistory('/admin/'))
  await router.push('/vehicle-access-records')
  const wrapper = mount(VehicleAccessRecordsView, { global: { plugins: [router, i18n] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

describe('vehicle access records', () => {
  it('lists plate decisions with the deny reason and sends the filters to the server', async () => {
    const api = mockApi({
      'GET /gates': { body: [] },
      'GET /campuses': { body: [] },
      'GET /departments': { body: [] },
      'GET /vehicle-access-records': { body: { items: [denied], total: 1, totalExact: true } },
      'GET /vehicle-gates': { body: [] },
    })
    const wrapper = await mountView(['vehiclegate:record:view'])
    const table = document.querySelector('[data-test="vehicle-records-table"]')
    expect(table?.textContent).toContain('粤B22222')
    expect(table?.textContent).toContain('备案待审核')
    expect(table?.textContent).toContain('东门车行道')
    await wrapper.find('input[data-test="vrecords-search"], [data-test="vrecords-search"] input').setValue('B22222')
    await wrapper.find('[data-test="vrecords-query"]').trigger('click')
    await flushPromises()
    const last = api.calls.filter((c) => c.path === '/vehicle-access-records').at(-1)
    expect(last?.search.get('q')).toBe('B22222')
    expect(api.calls.some((c) => c.path === '/vehicle-gates')).toBe(false)
    wrapper.unmount()
  }, 120_000)

  it('marks a gate as a vehicle gate', async () => {
    const api = mockApi({
      'GET /vehicle-gates': {
        body: [{ gateId: 3, gateName: '东门', campusId: 1, campusName: '主校区', enabled: true, vehicleGate: false }],
      },
      'PUT /vehicle-gates/3': {
        body: { gateId: 3, gateName: '东门', campusId: 1, campusName: '主校区', enabled: true, vehicleGate: true },
      },
    })
    const wrapper = await mountView(['vehiclegate:gate:view', 'vehiclegate:gate:manage'])
    await wrapper.find('[data-test="vehicle-gate-3"]').trigger('click')
    await flushPromises()
    const put = api.calls.find((c) => c.method === 'PUT')
    expect(put?.body).toMatchObject({ vehicleGate: true })
    wrapper.unmount()
  })
})
