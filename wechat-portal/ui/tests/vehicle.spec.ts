import { describe, expect, it } from 'vitest'
import { looksLikeEbikePlate, looksLikeMotorPlate, normalisePlate } from '@/vehicle'
import { INFO, mockApi, mountAt, signedIn } from './helpers'

const API = '/portal/demo/api'

const REJECTED = {
  id: 7,
  type: 'MOTOR',
  plate: '苏E66A88',
  ownerName: '王车主',
  relation: 'SPOUSE',
  status: 'REJECTED',
  rejectReason: '行驶证照片不清晰',
  longTerm: false,
  validUntil: null,
  enabled: true,
  submittedAt: '2026-11-29T02:00:00Z',
  reviewedAt: '2026-11-30T02:00:00Z',
}
const BIKE = {
  ...REJECTED,
  id: 8,
  type: 'EBIKE',
  plate: '宁波A12345',
  relation: 'SELF',
  status: 'APPROVED',
  rejectReason: null,
  validUntil: '2027-12-01',
}

describe('vehicle registration (R2, R4.6)', () => {
  it('normalises and checks plates like the server', () => {
    expect(normalisePlate('粤b·12345')).toBe('粤B12345')
    expect(normalisePlate('粤Ｂ１２３４５')).toBe('粤B12345')
    expect(looksLikeMotorPlate('粤B12345')).toBe(true)
    expect(looksLikeMotorPlate('粤BD12345')).toBe(true)
    expect(looksLikeMotorPlate('京A1234')).toBe(false)
    expect(looksLikeMotorPlate('京I12345')).toBe(false)
    expect(looksLikeMotorPlate('粤B1234学')).toBe(true)
    expect(looksLikeEbikePlate('宁波 A12345')).toBe(true)
    expect(looksLikeEbikePlate('A1')).toBe(false)
  })

  it('lists my applications with status and the reviewer reason', async () => {
    signedIn()
    mockApi({
      [`GET ${API}/info`]: { body: INFO },
      [`GET ${API}/vehicles`]: { body: [BIKE, REJECTED] },
    })
    const { wrapper } = await mountAt('/demo/vehicles')
    expect(wrapper.find('[data-test="vehicle-7"]').text()).toContain('苏E66A88')
    expect(wrapper.find('[data-test="vehicle-status-7"]').text()).toBe('已驳回')
    expect(wrapper.find('[data-test="vehicle-reason-7"]').text()).toContain('行驶证照片不清晰')
    expect(wrapper.find('[data-test="vehicle-status-8"]').text()).toBe('已通过')
    expect(wrapper.find('[data-test="vehicle-8"]').text()).toContain('2027-12-01')
    expect(wrapper.find('[data-test="vehicle-register-motor"]').text()).toBe('备案更多机动车')
    wrapper.unmount()
  })

  it('offers 立即备案 when there is nothing yet', async () => {
    signedIn()
    mockApi({
      [`GET ${API}/info`]: { body: INFO },
      [`GET ${API}/vehicles`]: { body: [] },
    })
    const { wrapper } = await mountAt('/demo/vehicles')
    expect(wrapper.find('[data-test="vehicles-empty"]').exists()).toBe(true)
    expect(wrapper.find('[data-test="vehicle-register-motor"]').text()).toBe('立即备案')
    wrapper.unmount()
  })

  it('keeps the form closed until the plate is valid and the photos are there', async () => {
    signedIn()
    mockApi({ [`GET ${API}/info`]: { body: INFO } })
    const { wrapper } = await mountAt('/demo/vehicles/new')
    const submit = wrapper.find('[data-test="vehicle-submit"]')
    expect(submit.attributes('disabled')).toBeDefined()
    await wrapper.find('[data-test="vehicle-plate"] input').setValue('京A1234')
    expect(wrapper.text()).toContain('号牌号码格式不正确')
    await wrapper.find('[data-test="vehicle-plate"] input').setValue('京A12345')
    expect(wrapper.text()).not.toContain('号牌号码格式不正确')
    expect(wrapper.find('[data-test="vehicle-licence"]').exists()).toBe(true)
    await wrapper.find('[data-test="vehicle-type-EBIKE"]').trigger('click')
    expect(wrapper.find('[data-test="vehicle-licence"]').exists()).toBe(false)
    wrapper.unmount()
  })
})
