import { describe, expect, it } from 'vitest'
import { INFO, mockApi, mountAt, settle, signedIn } from './helpers'

const API = '/portal/demo/api'

const ticket = (id: number, status: 'EFFECTIVE' | 'REVOKED', appealable: boolean) => ({
  ticket: {
    id,
    ticketNo: `WZ20261201${String(id).padStart(6, '0')}`,
    vehicleId: 3,
    plate: '浙A12345',
    itemName: '违规停车',
    points: 2,
    status,
    issuedAt: '2026-12-01T02:00:00Z',
    location: '东门停车场',
    revokeReason: status === 'REVOKED' ? '申诉通过' : null,
  },
  appealable,
})

const appeal = (id: number, status: 'PENDING' | 'REJECTED') => ({
  id,
  ticketId: id,
  ticketNo: 'WZ20261201000001',
  plate: '浙A12345',
  itemName: '违规停车',
  points: 2,
  reason: '装卸货物',
  status,
  rejectReason: status === 'REJECTED' ? '照片清晰可见' : null,
  reviewedAt: null,
  createdAt: '2026-12-01T03:00:00Z',
})

describe('my tickets (R4.7) and my appeals (R4.8)', () => {
  it('lists my tickets; only an appealable one offers 申诉; the status filter goes to the server', async () => {
    signedIn()
    const api = mockApi({
      [`GET ${API}/info`]: { body: INFO },
      [`GET ${API}/vehicles`]: { body: [] },
      [`GET ${API}/tickets`]: {
        body: { items: [ticket(1, 'EFFECTIVE', true), ticket(2, 'REVOKED', false)], total: 2 },
      },
    })
    const { wrapper } = await mountAt('/demo/tickets')
    expect(wrapper.find('[data-test="ticket-1"]').text()).toContain('浙A12345')
    expect(wrapper.find('[data-test="ticket-1"]').text()).toContain('生效')
    expect(wrapper.find('[data-test="ticket-2"]').text()).toContain('申诉通过')
    expect(wrapper.find('[data-test="appeal-1"]').exists()).toBe(true)
    expect(wrapper.find('[data-test="appeal-2"]').exists()).toBe(false)
    expect(api.calls.find((c) => c.path === `${API}/tickets`)?.search.get('size')).toBe('50')
    wrapper.unmount()
  })

  it('sends an appeal with its reason as multipart', async () => {
    signedIn()
    const api = mockApi({
      [`GET ${API}/info`]: { body: INFO },
      [`GET ${API}/vehicles`]: { body: [] },
      [`GET ${API}/tickets`]: { body: { items: [ticket(1, 'EFFECTIVE', true)], total: 1 } },
      [`POST ${API}/tickets/1/appeal`]: { status: 201, body: appeal(1, 'PENDING') },
    })
    const { wrapper } = await mountAt('/demo/tickets')
    await wrapper.find('[data-test="appeal-1"]').trigger('click')
    await settle()
    const reason = document.querySelector<HTMLTextAreaElement>('[data-test="appeal-reason"] textarea')!
    reason.value = '当时在装卸货物'
    reason.dispatchEvent(new Event('input'))
    await settle()
    document.querySelector<HTMLButtonElement>('[data-test="appeal-submit"]')!.click()
    await settle()
    const post = api.calls.find((c) => c.method === 'POST')!
    expect(post.body).toBeInstanceOf(FormData)
    const part = (post.body as FormData).get('appeal') as Blob
    expect(JSON.parse(await part.text())).toEqual({ reason: '当时在装卸货物' })
    wrapper.unmount()
  })

  it('lists my appeals with the reviewer’s reason and filters by status', async () => {
    signedIn()
    const api = mockApi({
      [`GET ${API}/info`]: { body: INFO },
      [`GET ${API}/appeals`]: { body: { items: [appeal(5, 'REJECTED')], total: 1 } },
    })
    const { wrapper } = await mountAt('/demo/appeals')
    expect(wrapper.find('[data-test="appeal-item-5"]').text()).toContain('照片清晰可见')
    const tabs = wrapper.findAll('.van-tab')
    await tabs[3].trigger('click')
    await settle()
    expect(api.calls.at(-1)?.search.get('status')).toBe('REJECTED')
    wrapper.unmount()
  })
})
