import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory } from 'vue-router'
import { i18n } from '@/i18n'
import { createConsoleRouter } from '@/router'
import { setMe } from '@/staff'
import VehiclesView from '@/views/VehiclesView.vue'
import VehicleReviewsView from '@/views/VehicleReviewsView.vue'
import VehicleLabelsView from '@/views/VehicleLabelsView.vue'
import HomeView from '@/views/HomeView.vue'
import { messages, mockApi } from './helpers'

const car = {
  id: 7,
  type: 'MOTOR',
  plate: '粤B12345',
  ownerName: '张三',
  relation: 'SELF',
  relationLabel: '本人',
  registrantId: 3,
  registrantName: '张三',
  registrantNumber: '2026000001',
  registrantIdentity: 'STUDENT',
  identityTypeId: null,
  identityTypeName: null,
  registrantPhone: '139****0001',
  departmentId: 1,
  departmentName: '机械学院',
  managedDepartmentId: null,
  managedDepartmentName: null,
  status: 'APPROVED',
  statusLabel: '已通过',
  rejectReason: null,
  reviewedBy: 'admin',
  reviewedAt: '2026-11-30T01:00:00Z',
  longTerm: false,
  validUntil: null,
  expired: false,
  enabled: true,
  labelPrintCount: 0,
  hasLicencePhoto: false,
  hasVehiclePhoto: false,
  source: 'CONSOLE',
  submittedAt: '2026-11-29T01:00:00Z',
  createdAt: '2026-11-29T01:00:00Z',
  updatedAt: '2026-11-30T01:00:00Z',
  updatedBy: 'admin',
}
const bike = {
  ...car,
  id: 8,
  type: 'EBIKE',
  plate: '深圳A12345',
  status: 'PENDING',
  statusLabel: '待审核',
  reviewedAt: null,
  reviewedBy: null,
}

async function mountAt(path: string, component: unknown, permissions: string[]) {
  i18n.global.locale.value = 'zh-CN'
  setMe({ username: 'admin', name: '王', phone: null, roles: [], roleNames: [], permissions, school: null })
  const router = createConsoleRouter(createMemoryHistory('/admin/'))
  await router.push(path)
  const wrapper = mount(component as never, { global: { plugins: [router, i18n] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

const q = (selector: string) => document.querySelector<HTMLElement>(selector)
const headers = (table: string) =>
  [...document.querySelectorAll(`[data-test="${table}"] th`)].map((th) => th.textContent?.trim())

describe('vehicles (A4.3)', () => {
  it("lists vehicles with the tender's columns, filters on the server and disables a vehicle", async () => {
    const api = mockApi({
      'GET /vehicles': { body: { items: [car], total: 1 } },
      'POST /vehicles/7/disable': { body: { ...car, enabled: false } },
    })
    const all = ['vehicle:vehicle:list', 'vehicle:vehicle:view', 'vehicle:vehicle:enable', 'vehicle:vehicle:unlink']
    const wrapper = await mountAt('/vehicles', VehiclesView, all)
    expect(headers('vehicles-table')).toEqual(
      expect.arrayContaining([
        '车辆类型',
        '号牌号码',
        '有效期',
        '车辆所有人',
        '备案状态',
        '备案人与车主的关系',
        '备案人 / 学号工号',
        '备案人身份',
        '状态',
      ]),
    )
    expect(q('[data-test="vehicles-table"]')!.textContent).toContain('粤B12345')
    // No create, edit or delete without those permissions.
    expect(q('[data-test="vehicles-create"]')).toBeNull()
    expect(q('[data-test="vehicle-edit-7"]')).toBeNull()
    expect(q('[data-test="vehicle-delete-7"]')).toBeNull()
    ;(wrapper.vm as unknown as { filter: { type: string | null; q: string } }).filter.type = 'MOTOR'
    q('[data-test="vehicles-query"]')!.click()
    await flushPromises()
    expect(
      api.calls
        .filter((c) => c.path === '/vehicles')
        .at(-1)!
        .search.get('type'),
    ).toBe('MOTOR')
    q('[data-test="vehicle-toggle-7"]')!.click()
    await flushPromises()
    expect(api.calls.some((c) => c.method === 'POST' && c.path === '/vehicles/7/disable')).toBe(true)
    expect(messages()).toContain('已停用')
    wrapper.unmount()
  })

  it('shows a refused plate beside the plate field', async () => {
    mockApi({
      'GET /vehicles': { body: { items: [], total: 0 } },
      'POST /vehicles': { status: 400, body: { code: 'VEHICLE_PLATE_INVALID', message: '号牌号码格式不正确：京A1' } },
    })
    const wrapper = await mountAt('/vehicles', VehiclesView, ['vehicle:vehicle:list', 'vehicle:vehicle:create'])
    q('[data-test="vehicles-create"]')!.click()
    await flushPromises()
    for (const [test, value] of [
      ['vehicle-form-plate', '京A1'],
      ['vehicle-form-owner', '张三'],
    ]) {
      const input = q(`input[data-test="${test}"]`) as HTMLInputElement
      input.value = value
      input.dispatchEvent(new Event('input'))
    }
    q('[data-test="vehicle-form-save"]')!.click()
    await vi.waitFor(() => expect(q('[data-test="vehicle-form"]')!.textContent).toContain('号牌号码格式不正确'))
    wrapper.unmount()
  })
})

describe('registration review (A4.4)', () => {
  it('lists registrations with the registered count, approves a car and rejects only with a reason', async () => {
    const pendingCar = { ...car, id: 9, status: 'PENDING', reviewedAt: null }
    const api = mockApi({
      'GET /vehicle-reviews': { body: { items: [pendingCar, bike], total: 2, registered: 41 } },
      'POST /vehicle-reviews/9/approve': { body: { ...pendingCar, status: 'APPROVED' } },
      'POST /vehicle-reviews/8/reject': { body: { ...bike, status: 'REJECTED', rejectReason: '照片不清晰' } },
    })
    const perms = ['vehicle:review:list', 'vehicle:review:approve', 'vehicle:review:reject']
    const wrapper = await mountAt('/vehicles/reviews', VehicleReviewsView, perms)
    expect(q('[data-test="reviews-registered"]')!.textContent).toContain('41')
    expect(headers('reviews-table')).toEqual(
      expect.arrayContaining([
        '车辆类型',
        '号牌号码',
        '车辆所有人',
        '备案人',
        '学号/工号',
        '身份类型',
        '提交时间 / 审核时间',
      ]),
    )
    expect(q('[data-test="reviews-import"]')).toBeNull()
    expect(q('[data-test="reviews-export"]')).toBeNull()
    q('[data-test="review-approve-9"]')!.click()
    await flushPromises()
    ;(document.querySelector('.el-message-box__btns .el-button--primary') as HTMLElement).click()
    await vi.waitFor(() =>
      expect(api.calls.some((c) => c.method === 'POST' && c.path === '/vehicle-reviews/9/approve')).toBe(true),
    )
    q('[data-test="review-reject-8"]')!.click()
    await flushPromises()
    q('[data-test="review-reject-confirm"]')!.click()
    await flushPromises()
    expect(api.calls.some((c) => c.path === '/vehicle-reviews/8/reject')).toBe(false)
    const reason = q('textarea[data-test="review-reject-reason"]') as HTMLTextAreaElement
    reason.value = '照片不清晰'
    reason.dispatchEvent(new Event('input'))
    q('[data-test="review-reject-confirm"]')!.click()
    await vi.waitFor(() =>
      expect(api.calls.find((c) => c.path === '/vehicle-reviews/8/reject')?.body).toEqual({ reason: '照片不清晰' }),
    )
    wrapper.unmount()
  })

  it('exports the filtered list with progress, then offers the download', async () => {
    const api = mockApi({
      'GET /vehicle-reviews': { body: { items: [], total: 0, registered: 0 } },
      'POST /vehicle-reviews/export': { status: 202, body: { id: 'e1' } },
      'GET /vehicle-reviews/export/e1': [
        {
          body: {
            id: 'e1',
            status: 'RUNNING',
            totalRows: 10,
            processedRows: 5,
            fileName: 'x.xlsx',
            downloadable: false,
          },
        },
        {
          body: { id: 'e1', status: 'DONE', totalRows: 10, processedRows: 10, fileName: 'x.xlsx', downloadable: true },
        },
      ],
    })
    const wrapper = await mountAt('/vehicles/reviews', VehicleReviewsView, [
      'vehicle:review:list',
      'vehicle:review:export',
    ])
    q('[data-test="reviews-export"]')!.click()
    await vi.waitFor(() => expect(q('[data-test="reviews-export-progress"]')).not.toBeNull())
    expect(api.calls.find((c) => c.path === '/vehicle-reviews/export')?.body).toMatchObject({ status: 'PENDING' })
    await vi.waitFor(() => expect(q('[data-test="reviews-export-download"]')?.textContent).toContain('10'), {
      timeout: 3000,
    })
    wrapper.unmount()
  })
})

describe('e-bike labels and home', () => {
  it('prints the selected e-bikes', async () => {
    const api = mockApi({ 'GET /vehicle-labels': { body: { items: [{ ...bike, status: 'APPROVED' }], total: 1 } } })
    const wrapper = await mountAt('/vehicles/labels', VehicleLabelsView, ['vehicle:label:list', 'vehicle:label:print'])
    expect(headers('labels-table')).toEqual(
      expect.arrayContaining(['号牌号码', '有效期', '已打印次数', '部门/单位及被分管部门']),
    )
    expect((q('[data-test="labels-print"]') as HTMLButtonElement).disabled).toBe(true)
    expect(api.calls[0].search.get('status')).toBe('APPROVED')
    wrapper.unmount()
  })

  it('shows the pending reviews as a quick entry with its count, by permission', async () => {
    const home = {
      registrants: { total: 10, registered: 5 },
      campuses: 1,
      gates: { total: 2, enabled: 2 },
      access: { passedToday: 0, deniedToday: 0 },
      vehicles: { pendingReviews: 6, motor: 30, nonMotor: 12 },
    }
    mockApi({ 'GET /home': { body: home } })
    let wrapper = await mountAt('/home', HomeView, ['home:dashboard:view', 'vehicle:review:list'])
    expect(q('[data-test="pending-vehicle-reviews"]')!.textContent).toContain('6')
    expect(q('[data-test="stat-vehicles"]')!.textContent).toContain('30 / 12')
    wrapper.unmount()
    mockApi({ 'GET /home': { body: home } })
    wrapper = await mountAt('/home', HomeView, ['home:dashboard:view'])
    expect(q('[data-test="pending-vehicle-reviews"]')).toBeNull()
    wrapper.unmount()
  })
})
