import { describe, expect, it } from 'vitest'
import { visitorTarget } from '@/visitor'
import { INFO, mockApi, mountAt, settle, signedIn } from './helpers'

const API = '/portal/demo/api'

const REQUEST = {
  id: 11,
  kind: 'VISITOR_REQUEST',
  status: 'REJECTED',
  date: '2026-12-03',
  slot: 'MORNING',
  slotStart: '08:00',
  slotEnd: '12:00',
  reason: '学术交流',
  transport: 'CAR',
  plate: '苏A12345',
  companionCount: 1,
  companions: [{ name: '李四' }],
  visitorName: '王访客',
  visitorPhoneMasked: '138****8000',
  hostId: 5,
  hostName: '张老师',
  hostDepartmentName: '外国语学院',
  hostPhoneMasked: '139****0001',
  rejectReason: '当天出差',
  createdAt: '2026-12-01T02:00:00Z',
}
const INVITATION = { ...REQUEST, id: 12, kind: 'HOST_INVITATION', status: 'PENDING_CONFIRMATION', rejectReason: null }

function visitorSignedIn(): void {
  localStorage.setItem('campuspass.visitor.session.demo', 'visitor-token')
}

describe('visitor portal (V1–V3)', () => {
  it('shows 我发起的 and 被邀请的 with the spec fields, sending the visitor session only', async () => {
    visitorSignedIn()
    const { calls } = mockApi({
      [`GET ${API}/visitor/bookings`]: { body: [REQUEST] },
      [`GET ${API}/visitor/invitations`]: { body: [INVITATION] },
    })
    const { wrapper } = await mountAt('/demo/visitor')
    const card = wrapper.find('[data-test="booking-11"]')
    expect(card.text()).toContain('2026-12-03 上午')
    expect(card.text()).toContain('张老师')
    expect(card.text()).toContain('139****0001')
    expect(card.text()).toContain('学术交流')
    expect(wrapper.find('[data-test="booking-status-11"]').text()).toBe('驳回')
    expect(wrapper.find('[data-test="reject-reason"]').text()).toContain('当天出差')
    expect(calls[0].headers['X-Visitor-Session']).toBe('visitor-token')
    expect(calls[0].headers['X-Portal-Session']).toBeUndefined()
    await wrapper.findAll('.van-tab')[1].trigger('click')
    await settle()
    expect(wrapper.find('[data-test="booking-status-12"]').text()).toBe('待确认')
    expect(wrapper.find('[data-test="confirm-12"]').exists()).toBe(true)
    wrapper.unmount()
    localStorage.clear()
  })

  it('a first booking asks for the details and sends the pledge', async () => {
    visitorSignedIn()
    const { calls } = mockApi({
      [`GET ${API}/visitor/profile`]: { body: { id: 1, complete: false } },
      [`GET ${API}/visitor/hosts`]: { body: [{ id: 5, name: '张老师', departmentName: '外国语学院' }] },
      [`POST ${API}/visitor/bookings`]: { status: 201, body: { booking: REQUEST, warnings: [] } },
      [`GET ${API}/visitor/invitations`]: { body: [] },
    })
    const { wrapper } = await mountAt('/demo/visitor/book')
    expect(wrapper.find('[data-test="id-number"]').exists()).toBe(true)
    await wrapper.find('[data-test="host-5"]').trigger('click')
    await wrapper.find('[data-test="reason"] input').setValue('学术交流')
    await wrapper.find('[data-test="name"] input').setValue('王访客')
    await wrapper.find('[data-test="phone"] input').setValue('13800138000')
    await wrapper.find('[data-test="id-number"] input').setValue('11010519491231002X')
    await wrapper.find('[data-test="submit"]').trigger('click')
    await settle()
    expect(calls.some((c) => c.method === 'POST')).toBe(false) // the pledge is not ticked yet
    await wrapper.find('[data-test="pledge"]').trigger('click')
    await wrapper.find('[data-test="submit"]').trigger('click')
    await settle()
    const post = calls.find((c) => c.method === 'POST')
    expect(post?.body).toMatchObject({
      hostId: 5,
      slot: 'MORNING',
      reason: '学术交流',
      pledgeAccepted: true,
      details: { name: '王访客', phone: '13800138000', idNumber: '11010519491231002X' },
    })
    wrapper.unmount()
    localStorage.clear()
  })

  it('the host approves and rejects with a reason', async () => {
    signedIn()
    const pending = { ...REQUEST, status: 'PENDING_APPROVAL', rejectReason: null }
    const { calls } = mockApi({
      [`GET ${API}/info`]: { body: INFO },
      [`GET ${API}/visitors/received`]: { body: [pending] },
      [`GET ${API}/visitors/invited`]: { body: [] },
      [`POST ${API}/visitors/bookings/11/reject`]: { body: { ...REQUEST } },
    })
    const { wrapper } = await mountAt('/demo/visitors')
    expect(wrapper.find('[data-test="booking-11"]').text()).toContain('王访客')
    await wrapper.find('[data-test="reject-11"]').trigger('click')
    await settle()
    const input = document.querySelector('[data-test="reject-reason-input"] textarea') as HTMLTextAreaElement
    input.value = '当天出差'
    input.dispatchEvent(new Event('input'))
    ;(document.querySelector('[data-test="reject-submit"]') as HTMLElement).click()
    await settle()
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ reason: '当天出差' })
    wrapper.unmount()
    localStorage.clear()
  })

  it('sends a visitor from a gate poster page to the visitor pass', () => {
    expect(visitorTarget('demo', '/portal/demo/gate/3?s=abc')).toBe('/portal/demo/visitor/gate/3?s=abc')
    expect(visitorTarget('demo', '/portal/demo/')).toBe('/portal/demo/visitor')
  })
})
