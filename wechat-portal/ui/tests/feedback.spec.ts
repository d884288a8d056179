import { describe, expect, it, vi } from 'vitest'
import { checkImage, formatTime } from '@/feedback'
import { INFO, mockApi, mountAt, settle, signedIn } from './helpers'

const API = '/portal/demo/api'

const REPLIED = {
  id: 11,
  typeId: 1,
  typeName: '通行问题',
  title: '东门排队太长',
  details: '早上八点\n排队很长',
  replied: true,
  reply: '已增开通道',
  repliedAt: '2026-11-30T02:00:00Z',
  createdAt: '2026-11-29T23:30:00Z',
  imageCount: 1,
  images: [],
}
const OPEN = { ...REPLIED, id: 12, title: '路灯不亮', replied: false, reply: null, repliedAt: null, imageCount: 0 }

describe('feedback (R4.5)', () => {
  it('lists my feedback and filters replied / not replied through the server', async () => {
    signedIn()
    const api = mockApi({
      [`GET ${API}/info`]: { body: INFO },
      [`GET ${API}/feedback`]: (call) => {
        const replied = call.search.get('replied')
        const items = replied === null ? [REPLIED, OPEN] : replied === 'true' ? [REPLIED] : [OPEN]
        return { body: { items, total: items.length } }
      },
    })
    const { wrapper } = await mountAt('/demo/feedback')
    expect(wrapper.find('[data-test="feedback-item-11"]').text()).toContain('东门排队太长')
    expect(wrapper.find('[data-test="feedback-item-11"]').text()).toContain('已回复')
    expect(wrapper.find('[data-test="feedback-item-12"]').text()).toContain('未回复')

    const tabs = wrapper.findAll('.van-tab')
    await tabs[2].trigger('click')
    await settle()
    expect(api.calls.at(-1)?.search.get('replied')).toBe('true')
    expect(wrapper.find('[data-test="feedback-item-12"]').exists()).toBe(false)
    expect(wrapper.find('[data-test="feedback-item-11"]').exists()).toBe(true)

    await tabs[1].trigger('click')
    await settle()
    expect(api.calls.at(-1)?.search.get('replied')).toBe('false')
    expect(wrapper.find('[data-test="feedback-item-11"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('shows the reply and the images of one feedback', async () => {
    signedIn()
    mockApi({
      [`GET ${API}/info`]: { body: INFO },
      [`GET ${API}/feedback/11`]: {
        body: { ...REPLIED, images: [{ url: 'https://s3.local/a.png?X-Amz-Signature=x', contentType: 'image/png' }] },
      },
    })
    const { wrapper } = await mountAt('/demo/feedback/11')
    expect(wrapper.find('[data-test="feedback-details"]').text()).toContain('早上八点')
    expect(wrapper.find('[data-test="feedback-reply"]').text()).toContain('已增开通道')
    expect(wrapper.find('[data-test="feedback-images"] img').attributes('src')).toContain('X-Amz-Signature')
    wrapper.unmount()
  })

  it('says when no reply came yet', async () => {
    signedIn()
    mockApi({ [`GET ${API}/info`]: { body: INFO }, [`GET ${API}/feedback/12`]: { body: OPEN } })
    const { wrapper } = await mountAt('/demo/feedback/12')
    expect(wrapper.find('[data-test="feedback-reply"]').text()).toContain('学校尚未回复')
    wrapper.unmount()
  })

  it('sends type, title and details as the JSON part of one multipart request', async () => {
    signedIn()
    const api = mockApi({
      [`GET ${API}/info`]: { body: INFO },
      [`GET ${API}/feedback-types`]: {
        body: [
          { id: 1, name: '通行问题' },
          { id: 2, name: '系统建议' },
        ],
      },
      [`POST ${API}/feedback`]: { status: 201, body: { ...OPEN, id: 99 } },
      [`GET ${API}/feedback/99`]: { body: { ...OPEN, id: 99 } },
    })
    const { wrapper, router } = await mountAt('/demo/feedback/new')
    expect(wrapper.find('[data-test="feedback-submit"]').attributes('disabled')).toBeDefined()
    await wrapper.find('[data-test="feedback-type-2"]').trigger('click')
    await wrapper.find('[data-test="feedback-title"] input').setValue('  希望增加夜间时段 ')
    await wrapper.find('[data-test="feedback-details"] textarea').setValue('晚上没有可选时段')
    await wrapper.find('[data-test="feedback-form"]').trigger('submit')
    await settle()
    const post = api.calls.find((c) => c.method === 'POST')
    expect(post?.body).toBeInstanceOf(FormData)
    const part = (post?.body as FormData).get('feedback') as Blob
    expect(part.type).toBe('application/json')
    expect(JSON.parse(await part.text())).toEqual({ typeId: 2, title: '希望增加夜间时段', details: '晚上没有可选时段' })
    expect(router.currentRoute.value.name).toBe('feedback-detail')
    expect(router.currentRoute.value.params.id).toBe('99')
    wrapper.unmount()
  })

  it('refuses oversize and non-image files before uploading', () => {
    expect(checkImage({ size: 5 * 1024 * 1024 + 1, type: 'image/jpeg' })).toBe('size')
    expect(checkImage({ size: 1000, type: 'text/plain' })).toBe('type')
    expect(checkImage({ size: 1000, type: 'image/webp' })).toBeNull()
    expect(formatTime('2026-11-29T23:30:00Z')).toBe('2026-11-30 07:30')
  })
})

describe('personal info (R4.10)', () => {
  const STUDENT = {
    registrantId: 7,
    identity: 'STUDENT',
    avatarUrl: null,
    avatarChangesLeft: 1,
    avatarChangesAllowed: 2,
    fields: [
      { key: 'identity', value: 'STUDENT' },
      { key: 'name', value: '张三' },
      { key: 'studentNumber', value: '2023001' },
      { key: 'idTail', value: '****5X' },
      { key: 'department', value: '计算机学院' },
    ],
  }

  it('shows the fields the server lists for the identity, with their labels', async () => {
    signedIn()
    mockApi({ [`GET ${API}/info`]: { body: INFO }, [`GET ${API}/me/info`]: { body: STUDENT } })
    const { wrapper } = await mountAt('/demo/me')
    const labels = wrapper.findAll('[data-test^="me-field-"] .van-cell__title').map((c) => c.text())
    expect(labels).toEqual(['身份', '姓名', '学号', '身份证后六位', '部门'])
    expect(wrapper.find('[data-test="me-field-identity"]').text()).toContain('学生')
    expect(wrapper.find('[data-test="me-avatar-left"]').text()).toContain('还可修改1次')
    expect(wrapper.find('[data-test="me-avatar-change"]').exists()).toBe(true)
    wrapper.unmount()
  })

  it('offers no avatar change once both are used', async () => {
    signedIn()
    mockApi({
      [`GET ${API}/info`]: { body: INFO },
      [`GET ${API}/me/info`]: { body: { ...STUDENT, avatarChangesLeft: 0, avatarUrl: 'https://s3.local/a.png' } },
    })
    const { wrapper } = await mountAt('/demo/me')
    expect(wrapper.find('[data-test="me-avatar-left"]').text()).toContain('头像修改次数已用完')
    expect(wrapper.find('[data-test="me-avatar-change"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('binds a new phone by the code sent to it (R4.1)', async () => {
    signedIn()
    const api = mockApi({
      [`GET ${API}/info`]: { body: INFO },
      [`GET ${API}/me/info`]: {
        body: { ...STUDENT, fields: [...STUDENT.fields, { key: 'phone', value: '139****0001' }] },
      },
      [`POST ${API}/me/phone/code`]: [
        { status: 409, body: { code: 'PHONE_UNCHANGED', message: '该号码已是您当前绑定的手机号' } },
        { body: { phoneMasked: '137****8888', resendAfterSeconds: 60 } },
      ],
      [`PUT ${API}/me/phone`]: [
        { status: 400, body: { code: 'SMS_CODE_INVALID', message: '验证码错误' } },
        { body: STUDENT },
      ],
    })
    const { wrapper, router } = await mountAt('/demo/me')
    expect(wrapper.find('[data-test="me-field-phone"]').text()).toContain('139****0001')
    await wrapper.find('[data-test="me-field-phone"]').trigger('click')
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('me-phone'))
    await settle()

    // A malformed number never reaches the server.
    await wrapper.find('[data-test="phone-number"] input').setValue('12345')
    await wrapper.find('[data-test="phone-send"]').trigger('click')
    await settle()
    expect(wrapper.find('[data-test="phone-error"]').text()).toContain('11位手机号')
    expect(api.count(`POST ${API}/me/phone/code`)).toBe(0)
    expect(wrapper.find('[data-test="phone-save"]').attributes('disabled')).toBeDefined()

    await wrapper.find('[data-test="phone-number"] input').setValue('13900000001')
    await wrapper.find('[data-test="phone-send"]').trigger('click')
    await settle()
    expect(wrapper.find('[data-test="phone-error"]').text()).toContain('当前绑定的手机号')

    await wrapper.find('[data-test="phone-number"] input').setValue('13712348888')
    await wrapper.find('[data-test="phone-send"]').trigger('click')
    await settle()
    expect(api.calls.filter((c) => c.path === `${API}/me/phone/code`).at(-1)?.body).toEqual({ phone: '13712348888' })
    expect(wrapper.find('[data-test="phone-sent"]').text()).toContain('137****8888')
    expect(wrapper.find('[data-test="phone-send"]').text()).toContain('秒后重发')

    await wrapper.find('[data-test="phone-code"] input').setValue('123456')
    await wrapper.find('[data-test="phone-save"]').trigger('click')
    await settle()
    expect(wrapper.find('[data-test="phone-error"]').text()).toContain('验证码错误')
    expect(router.currentRoute.value.name).toBe('me-phone')

    await wrapper.find('[data-test="phone-save"]').trigger('click')
    await settle()
    expect(api.calls.filter((c) => c.path === `${API}/me/phone`).at(-1)?.body).toEqual({
      phone: '13712348888',
      code: '123456',
    })
    expect(router.currentRoute.value.name).toBe('me')
    wrapper.unmount()
  })
})
