import { describe, expect, it } from 'vitest'
import { mockApi, mountAt } from './helpers'

const API = '/portal/demo/api'

describe('e-bike label scan (A4.3)', () => {
  it('shows a registered, valid e-bike with the names masked, without signing in', async () => {
    const api = mockApi({
      [`GET ${API}/ebike-labels/12`]: {
        body: {
          plate: '深圳A12345',
          schoolName: '示范大学',
          status: 'APPROVED',
          registered: true,
          valid: true,
          enabled: true,
          longTerm: true,
          validUntil: null,
          ownerName: '张*',
          registrantName: '张*',
        },
      },
    })
    const { wrapper } = await mountAt('/demo/ebike/12?s=abc')
    expect(wrapper.find('[data-test="ebike-verdict"]').text()).toBe('已备案 · 有效')
    expect(wrapper.find('[data-test="ebike-plate"]').text()).toContain('深圳A12345')
    expect(wrapper.find('[data-test="ebike-owner"]').text()).toContain('张*')
    expect(api.calls.at(-1)!.search.get('s')).toBe('abc')
    wrapper.unmount()
  })

  it('says so when the label is not valid', async () => {
    mockApi({
      [`GET ${API}/ebike-labels/12`]: { status: 404, body: { code: 'VEHICLE_LABEL_INVALID', message: '二维码无效' } },
    })
    const { wrapper } = await mountAt('/demo/ebike/12?s=forged')
    expect(wrapper.find('[data-test="ebike-error"]').text()).toBe('二维码无效')
    wrapper.unmount()
  })
})
