import { beforeEach, describe, expect, it, vi } from 'vitest'
import { mockApi, mountAt, settle } from './helpers'
import {
  forgetMe,
  inWeChat,
  rememberTarget,
  signInStaff,
  takeTarget,
  triedWeChatRecently,
  WECHAT_RETRY_MS,
} from '@/staff/session'
import { compressPhoto, fitWithin } from '@/staff/photos'
import type { TargetCandidate } from '@/staff/tickets'
import { navigation } from '@/auth/navigation'
import * as keycloak from '@/guard/keycloak'

// jsdom decodes no images: the canvas step is replaced, the sizing rule is tested on its own below.
vi.mock('@/staff/photos', async (original) => ({
  ...(await original<typeof import('@/staff/photos')>()),
  compressPhoto: vi.fn(async (file: Blob) => new Blob([file], { type: 'image/jpeg' })),
}))

const ME = {
  username: 'security',
  name: '王保卫',
  phone: '13800000003',
  roles: ['security-officer'],
  roleNames: ['保卫处'],
  permissions: [
    'home:workbench:view',
    'violation:ticket:list',
    'violation:ticket:view',
    'violation:ticket:issue',
    'violation:item:view',
  ],
  dataScope: 'SCHOOL',
  school: { code: 'demo', name: '演示大学' },
  departments: [],
  position: null,
}

const WORKBENCH = { students: 120, teachers: 45, thirdParty: 8, motorVehicles: 30, ebikes: 12, ticketsToday: 3 }

const ticket = (id: number, status: 'EFFECTIVE' | 'REVOKED' = 'EFFECTIVE') => ({
  id,
  ticketNo: `WZ20261202${String(id).padStart(6, '0')}`,
  target: 'REGISTRANT',
  registrantId: 7,
  visitorId: null,
  plate: '沪A12345',
  targetName: '张三',
  targetNumber: '2026000001',
  targetPhoneMasked: '139****0001',
  itemId: 1,
  itemName: '违规停车',
  points: 2,
  status,
  issuedBy: 'security',
  issuedAt: '2026-12-02T02:00:00Z',
  location: '东门',
  remark: null,
  revokeReason: status === 'REVOKED' ? '误开' : null,
  revokedBy: null,
  revokedAt: null,
})

beforeEach(() => {
  forgetMe()
  sessionStorage.clear()
})

describe('staff portal shell and sign-in (S1)', () => {
  it('signs in through the realm before a staff page and shows the tab bar 工作台 | 访客数据 | 我的', async () => {
    mockApi({
      'GET /admin/api/me': { body: ME },
      'GET /admin/api/workbench': { body: WORKBENCH },
      'GET /admin/api/tickets': { body: { items: [], total: 0 } },
    })
    const { wrapper } = await mountAt('/demo/staff')
    expect(keycloak.initStaffAuth).toHaveBeenCalledWith('demo', expect.anything(), 'staff', expect.anything())
    const tabs = wrapper.find('[data-test="staff-tabbar"]').text()
    expect(tabs).toContain('工作台')
    expect(tabs).toContain('访客数据')
    expect(tabs).toContain('我的')
    wrapper.unmount()
  })

  it('remembers the page asked for across the login page, once', () => {
    rememberTarget('demo', '/demo/staff/tickets/5')
    expect(takeTarget('demo')).toBe('/demo/staff/tickets/5')
    expect(takeTarget('demo')).toBeNull()
  })

  it('comes back to the staff portal’s one redirect URI, which the realm lists', async () => {
    const real = await vi.importActual<typeof import('@/guard/keycloak')>('@/guard/keycloak')
    expect(real.staffPageUrl('https://pass.example.edu.cn', 'demo', 'staff')).toBe(
      'https://pass.example.edu.cn/portal/demo/staff',
    )
    expect(real.guardPageUrl('https://pass.example.edu.cn', 'demo')).toBe(
      'https://pass.example.edu.cn/portal/demo/guard',
    )
  })

  it('knows WeChat’s browser by its user agent', () => {
    expect(inWeChat('Mozilla/5.0 (iPhone) MicroMessenger/8.0.50')).toBe(true)
    expect(inWeChat('Mozilla/5.0 (X11; Linux) Chrome/120')).toBe(false)
  })
})

describe('workbench (S2)', () => {
  it('shows the six counts and the tickets the staff member issued, asked for with mine=true', async () => {
    const api = mockApi({
      'GET /admin/api/me': { body: ME },
      'GET /admin/api/workbench': { body: WORKBENCH },
      'GET /admin/api/tickets': { body: { items: [ticket(1)], total: 1 } },
    })
    const { wrapper } = await mountAt('/demo/staff')
    expect(wrapper.find('[data-test="count-students"]').text()).toBe('120')
    expect(wrapper.find('[data-test="count-ebikes"]').text()).toBe('12')
    expect(wrapper.find('[data-test="count-ticketsToday"]').text()).toBe('3')
    expect(wrapper.find('[data-test="workbench-counts"]').text()).toContain('备案第三方人员')
    expect(wrapper.findAll('[data-test="staff-ticket"]')).toHaveLength(1)
    expect(api.calls.find((c) => c.path === '/admin/api/tickets')?.search.get('mine')).toBe('true')
    expect(api.calls.find((c) => c.path === '/admin/api/tickets')?.headers.Authorization).toBe('Bearer staff-token')
    expect(wrapper.find('[data-test="new-ticket"]').exists()).toBe(true)
    wrapper.unmount()
  })

  it('offers no 新增开单 and no counts to a staff member without those permissions', async () => {
    const api = mockApi({
      'GET /admin/api/me': { body: { ...ME, permissions: ['violation:ticket:list'] } },
      'GET /admin/api/tickets': { body: { items: [], total: 0 } },
    })
    const { wrapper } = await mountAt('/demo/staff')
    expect(wrapper.find('[data-test="new-ticket"]').exists()).toBe(false)
    expect(wrapper.find('[data-test="workbench-counts"]').exists()).toBe(false)
    expect(api.count('GET /admin/api/workbench')).toBe(0)
    wrapper.unmount()
  })

  it('binds the account to WeChat after the first sign-in inside WeChat', async () => {
    const agent = vi.spyOn(navigator, 'userAgent', 'get').mockReturnValue('Mozilla/5.0 MicroMessenger/8.0')
    const assign = vi.spyOn(navigation, 'assign').mockImplementation(() => undefined)
    mockApi({
      'GET /admin/api/me': { body: ME },
      'GET /admin/api/workbench': { body: WORKBENCH },
      'GET /admin/api/tickets': { body: { items: [], total: 0 } },
      'GET /admin/api/staff-portal/bindings': {
        body: { username: 'security', name: '王保卫', phoneMasked: null, weChatBound: false },
      },
    })
    const { wrapper } = await mountAt('/demo/staff')
    expect(assign).toHaveBeenCalledWith(
      '/portal/demo/api/auth/wechat/authorize?returnTo=' + encodeURIComponent('/portal/demo/staff/wechat'),
    )
    wrapper.unmount()
    agent.mockRestore()
    assign.mockRestore()
  })
})

describe('ticket search (S2)', () => {
  it('searches by number or plate, item and 更多 filters, within 本人所开 or 全部', async () => {
    const api = mockApi({
      'GET /admin/api/me': { body: ME },
      'GET /admin/api/ticket-items': { body: [{ id: 1, name: '违规停车', points: 2, enabled: true }] },
      'GET /admin/api/tickets': { body: { items: [ticket(1), ticket(2, 'REVOKED')], total: 2 } },
    })
    const { wrapper } = await mountAt('/demo/staff/tickets?mine=1&q=%E6%B2%AAA12345')
    expect(wrapper.findAll('[data-test="staff-ticket"]')).toHaveLength(2)
    expect(wrapper.find('[data-test="tickets-total"]').text()).toContain('2')
    const first = api.calls.filter((c) => c.path === '/admin/api/tickets')[0]
    expect(first.search.get('q')).toBe('沪A12345')
    expect(first.search.get('mine')).toBe('true')
    await wrapper.findAll('.van-dropdown-menu__item')[1].trigger('click')
    await settle()
    await wrapper.find('[data-test="tickets-from"] input').setValue('2026-12-01')
    await wrapper.find('[data-test="tickets-more-apply"]').trigger('click')
    await settle()
    const last = api.calls.filter((c) => c.path === '/admin/api/tickets').at(-1)
    expect(last?.search.get('from')).toBe('2026-12-01')
    wrapper.unmount()
  })

  it('shows a ticket with its three photos', async () => {
    mockApi({
      'GET /admin/api/me': { body: ME },
      'GET /admin/api/tickets/1': {
        body: {
          ticket: ticket(1),
          photoUrls: { FRONT: 'http://s3/front.jpg', SIDE: 'http://s3/side.jpg', BACK: 'http://s3/back.jpg' },
        },
      },
    })
    const { wrapper } = await mountAt('/demo/staff/tickets/1')
    expect(wrapper.find('[data-test="ticket-no"]').text()).toContain('WZ20261202000001')
    expect(wrapper.find('[data-test="ticket-status"]').text()).toBe('生效')
    for (const p of ['FRONT', 'SIDE', 'BACK']) expect(wrapper.find(`[data-test="photo-${p}"]`).exists()).toBe(true)
    wrapper.unmount()
  })
})

describe('new ticket (S2)', () => {
  it('finds the target by plate, takes an item and three photos, and posts them as multipart', async () => {
    const api = mockApi({
      'GET /admin/api/me': { body: ME },
      'GET /admin/api/ticket-items': {
        body: [
          { id: 1, name: '违规停车', points: 2, enabled: true },
          { id: 2, name: '停用项目', points: 1, enabled: false },
        ],
      },
      'GET /admin/api/tickets/targets': {
        body: [registrantCandidate({ plate: '沪A12345', vehicleType: 'MOTOR' })],
      },
      'POST /admin/api/tickets': { status: 201, body: ticket(9) },
      'GET /admin/api/tickets/9': { body: { ticket: ticket(9), photoUrls: {} } },
    })
    const { wrapper, router } = await mountAt('/demo/staff/tickets/new')
    await wrapper.find('[data-test="target-q"] input').setValue('沪A12345')
    await wrapper.find('[data-test="target-find"]').trigger('click')
    await settle()
    expect(api.calls.find((c) => c.path === '/admin/api/tickets/targets')?.search.get('q')).toBe('沪A12345')
    expect(wrapper.find('[data-test="target-candidate"]').text()).toContain('张三')
    expect(wrapper.find('[data-test="ticket-submit"]').attributes('disabled')).toBeDefined()

    await wrapper.find('[data-test="ticket-item"]').trigger('click')
    await settle()
    const actions = document.querySelectorAll('.van-action-sheet__item')
    expect(actions).toHaveLength(1) // the disabled item is not offered
    ;(actions[0] as HTMLElement).click()
    await settle()

    for (const p of ['FRONT', 'SIDE', 'BACK']) {
      const input = wrapper.find(`[data-test="photo-input-${p}"]`)
      expect(input.attributes('capture')).toBe('environment')
      const file = new File([new Uint8Array([0xff, 0xd8, 0xff])], `${p}.jpg`, { type: 'image/jpeg' })
      Object.defineProperty(input.element, 'files', { value: [file], configurable: true })
      await input.trigger('change')
    }
    await settle()
    expect(compressPhoto).toHaveBeenCalledTimes(3)
    await wrapper.find('[data-test="ticket-submit"]').trigger('click')
    await settle()
    const post = api.calls.find((c) => c.method === 'POST' && c.path === '/admin/api/tickets')
    const form = post?.body as FormData
    expect(JSON.parse(await (form.get('ticket') as Blob).text())).toMatchObject({
      plate: '沪A12345',
      registrantId: 7,
      itemId: 1,
    })
    for (const part of ['front', 'side', 'back']) expect(form.get(part)).toBeInstanceOf(Blob)
    expect(router.currentRoute.value.name).toBe('staff-ticket')
    wrapper.unmount()
  })

  it("tickets a visitor found among today's bookings: the visitor is chosen by id, not as a registrant", async () => {
    const api = mockApi({
      'GET /admin/api/me': { body: ME },
      'GET /admin/api/ticket-items': { body: [{ id: 1, name: '违规停车', points: 2, enabled: true }] },
      'GET /admin/api/tickets/targets': {
        body: [
          registrantCandidate(),
          {
            kind: 'VISITOR',
            registrantId: null,
            visitorId: 7,
            name: '张访客',
            number: null,
            identity: null,
            departmentName: null,
            phoneMasked: '137****7000',
            plate: '沪B66666',
            vehicleType: null,
            hostName: '李老师',
          },
        ],
      },
      'POST /admin/api/tickets': { status: 201, body: ticket(10) },
      'GET /admin/api/tickets/10': { body: { ticket: ticket(10), photoUrls: {} } },
    })
    const { wrapper } = await mountAt('/demo/staff/tickets/new')
    await wrapper.find('[data-test="target-q"] input').setValue('张')
    await wrapper.find('[data-test="target-find"]').trigger('click')
    await settle()
    const candidates = wrapper.findAll('[data-test="target-candidate"]')
    expect(candidates).toHaveLength(2)
    expect(candidates[1].text()).toContain('张访客')
    expect(candidates[1].text()).toContain('访客')
    expect(candidates[1].text()).toContain('受访人 李老师')
    await candidates[1].trigger('click')
    await settle()
    // The same id of a registrant and a visitor are two candidates: only the visitor is ticked.
    expect(candidates[0].find('.van-icon-circle').exists()).toBe(true)
    expect(candidates[1].find('.van-icon-checked').exists()).toBe(true)

    await wrapper.find('[data-test="ticket-item"]').trigger('click')
    await settle()
    ;(document.querySelectorAll('.van-action-sheet__item')[0] as HTMLElement).click()
    await settle()
    for (const p of ['FRONT', 'SIDE', 'BACK']) {
      const input = wrapper.find(`[data-test="photo-input-${p}"]`)
      const file = new File([new Uint8Array([0xff, 0xd8, 0xff])], `${p}.jpg`, { type: 'image/jpeg' })
      Object.defineProperty(input.element, 'files', { value: [file], configurable: true })
      await input.trigger('change')
    }
    await settle()
    await wrapper.find('[data-test="ticket-submit"]').trigger('click')
    await settle()
    const post = api.calls.find((c) => c.method === 'POST' && c.path === '/admin/api/tickets')
    const sent = JSON.parse(await ((post?.body as FormData).get('ticket') as Blob).text())
    expect(sent).toMatchObject({ plate: '沪B66666', visitorId: 7, itemId: 1 })
    expect(sent.registrantId).toBeUndefined()
    wrapper.unmount()
  })

  it('shrinks photos so their long side is at most 1600 px, never enlarging', () => {
    expect(fitWithin(4000, 3000)).toEqual({ width: 1600, height: 1200 })
    expect(fitWithin(3000, 4000)).toEqual({ width: 1200, height: 1600 })
    expect(fitWithin(800, 600)).toEqual({ width: 800, height: 600 })
  })
})

/** The registrant 张三 as a ticket-target candidate, with what a test changes. */
function registrantCandidate(overrides: Partial<TargetCandidate> = {}): TargetCandidate {
  return {
    kind: 'REGISTRANT',
    registrantId: 7,
    visitorId: null,
    name: '张三',
    number: '2026000001',
    identity: 'STUDENT',
    departmentName: '计算机学院',
    phoneMasked: '139****0001',
    plate: null,
    vehicleType: null,
    hostName: null,
    ...overrides,
  }
}

describe('me (S1, S4.1)', () => {
  it('shows account, name, roles, the masked phone and the WeChat binding', async () => {
    mockApi({
      'GET /admin/api/me': { body: ME },
      'GET /admin/api/staff-portal/bindings': {
        body: { username: 'security', name: '王保卫', phoneMasked: '138****0003', weChatBound: true },
      },
    })
    const { wrapper } = await mountAt('/demo/staff/me')
    expect(wrapper.find('[data-test="me-account"]').text()).toContain('security')
    expect(wrapper.find('[data-test="me-roles"]').text()).toContain('保卫处')
    expect(wrapper.find('[data-test="me-phone"]').text()).toContain('138****0003')
    expect(wrapper.find('[data-test="wechat-bound"]').exists()).toBe(true)
    wrapper.unmount()
  })

  it('binds a phone with the SMS code sent to it, and shows a refused code', async () => {
    const api = mockApi({
      'POST /admin/api/staff-portal/phone/code': { body: { phoneMasked: '139****0009', resendAfterSeconds: 60 } },
      'PUT /admin/api/staff-portal/phone': [
        { status: 400, body: { code: 'SMS_CODE_INVALID', message: '验证码错误' } },
        { body: { username: 'security', name: '王保卫', phoneMasked: '139****0009', weChatBound: false } },
      ],
      'GET /admin/api/me': { body: ME },
      'GET /admin/api/staff-portal/bindings': {
        body: { username: 'security', name: '王保卫', phoneMasked: '139****0009', weChatBound: false },
      },
    })
    const { wrapper, router } = await mountAt('/demo/staff/me/phone')
    await wrapper.find('[data-test="staff-phone-number"] input').setValue('13900000009')
    await wrapper.find('[data-test="staff-phone-send"]').trigger('click')
    await settle()
    expect(api.calls.find((c) => c.path === '/admin/api/staff-portal/phone/code')?.body).toEqual({
      phone: '13900000009',
    })
    await wrapper.find('[data-test="staff-phone-code"] input').setValue('000000')
    await wrapper.find('[data-test="staff-phone-save"]').trigger('click')
    await settle()
    expect(wrapper.find('[data-test="staff-phone-error"]').text()).toBe('验证码错误')
    await wrapper.find('[data-test="staff-phone-save"]').trigger('click')
    await settle()
    expect(router.currentRoute.value.name).toBe('staff-me')
    wrapper.unmount()
  })

  it('binds WeChat with the OAuth ticket and remembers the account for the login page', async () => {
    const api = mockApi({
      'POST /admin/api/staff-portal/wechat': {
        body: { username: 'security', name: '王保卫', phoneMasked: null, weChatBound: true },
      },
      'GET /admin/api/me': { body: ME },
      'GET /admin/api/staff-portal/bindings': {
        body: { username: 'security', name: '王保卫', phoneMasked: null, weChatBound: true },
      },
    })
    const { wrapper, router } = await mountAt('/demo/staff/wechat?ticket=t-1')
    expect(api.calls.find((c) => c.path === '/admin/api/staff-portal/wechat')?.body).toEqual({ ticket: 't-1' })
    expect(localStorage.getItem('campuspass.staff.account.demo')).toBe('security')
    expect(router.currentRoute.value.name).toBe('staff-me')
    wrapper.unmount()
  })

  it('hands the WeChat OAuth ticket of a staff binding to the binding page, not to a registrant session', async () => {
    const api = mockApi({
      'POST /admin/api/staff-portal/wechat': {
        body: { username: 'security', name: '王保卫', phoneMasked: null, weChatBound: true },
      },
      'GET /admin/api/me': { body: ME },
      'GET /admin/api/staff-portal/bindings': {
        body: { username: 'security', name: '王保卫', phoneMasked: null, weChatBound: true },
      },
    })
    const { wrapper } = await mountAt(
      '/demo/auth?ticket=t-2&returnTo=' + encodeURIComponent('/portal/demo/staff/wechat'),
    )
    expect(api.count('POST /portal/demo/api/auth/session')).toBe(0)
    expect(api.calls.find((c) => c.path === '/admin/api/staff-portal/wechat')?.body).toEqual({ ticket: 't-2' })
    wrapper.unmount()
  })
})

describe('WeChat sign-in without the password (S1 无需再次登录)', () => {
  const WECHAT_UA = 'Mozilla/5.0 (iPhone) MicroMessenger/8.0.50'

  beforeEach(() => vi.mocked(keycloak.loginWithTicket).mockClear())

  /** initStaffAuth as it behaves without a realm session: the sign-in hook first, else the login page. */
  function noRealmSession() {
    const login = vi.fn()
    vi.mocked(keycloak.initStaffAuth).mockImplementationOnce(async (_school, _config, _page, options) => {
      if (!options?.signInElsewhere?.()) login(options?.loginHint)
      throw new Error('not authenticated')
    })
    return login
  }

  it('goes through the school’s WeChat OAuth when this phone’s WeChat is bound, and only once in two minutes', async () => {
    const agent = vi.spyOn(navigator, 'userAgent', 'get').mockReturnValue(WECHAT_UA)
    const assign = vi.spyOn(navigation, 'assign').mockImplementation(() => undefined)
    localStorage.setItem('campuspass.staff.account.demo', 'security')

    const first = noRealmSession()
    await expect(signInStaff('demo')).rejects.toThrow()
    expect(assign).toHaveBeenCalledWith(
      '/portal/demo/api/auth/wechat/authorize?returnTo=' + encodeURIComponent('/portal/demo/staff/wechat-login'),
    )
    expect(first).not.toHaveBeenCalled()
    expect(triedWeChatRecently('demo')).toBe(true)
    expect(triedWeChatRecently('demo', Date.now() + WECHAT_RETRY_MS + 1)).toBe(false)

    // The try did not end signed in: the login page, prefilled with the account, not WeChat again.
    const second = noRealmSession()
    await expect(signInStaff('demo')).rejects.toThrow()
    expect(assign).toHaveBeenCalledTimes(1)
    expect(second).toHaveBeenCalledWith('security')

    // Signed in: the try is forgotten.
    await signInStaff('demo')
    expect(triedWeChatRecently('demo')).toBe(false)
    agent.mockRestore()
    assign.mockRestore()
  })

  it('never tries WeChat outside WeChat’s browser or for a phone that bound no account', async () => {
    const assign = vi.spyOn(navigation, 'assign').mockImplementation(() => undefined)
    localStorage.setItem('campuspass.staff.account.demo', 'security')
    const outside = noRealmSession()
    await expect(signInStaff('demo')).rejects.toThrow()
    expect(outside).toHaveBeenCalledWith('security')

    const agent = vi.spyOn(navigator, 'userAgent', 'get').mockReturnValue(WECHAT_UA)
    localStorage.clear()
    const unbound = noRealmSession()
    await expect(signInStaff('demo')).rejects.toThrow()
    expect(unbound).toHaveBeenCalledWith(undefined)
    expect(assign).not.toHaveBeenCalled()
    agent.mockRestore()
    assign.mockRestore()
  })

  it('trades the OAuth ticket for a realm ticket and goes to the login step with it', async () => {
    const api = mockApi({
      'POST /portal/demo/api/auth/staff-sign-in': {
        body: {
          username: 'security',
          loginTicket: 'v1.abc.def',
          parameter: 'campuspass_wechat_ticket',
          expiresInSeconds: 60,
        },
      },
    })
    const { wrapper } = await mountAt(
      '/demo/auth?ticket=t-9&returnTo=' + encodeURIComponent('/portal/demo/staff/wechat-login'),
    )
    await vi.waitFor(() => expect(keycloak.loginWithTicket).toHaveBeenCalled())
    expect(api.calls.find((c) => c.path === '/portal/demo/api/auth/staff-sign-in')?.body).toEqual({ ticket: 't-9' })
    expect(api.count('POST /portal/demo/api/auth/session')).toBe(0)
    expect(keycloak.loginWithTicket).toHaveBeenCalledWith('demo', expect.anything(), 'staff', {
      parameter: 'campuspass_wechat_ticket',
      value: 'v1.abc.def',
      loginHint: 'security',
    })
    expect(localStorage.getItem('campuspass.staff.account.demo')).toBe('security')
    wrapper.unmount()
  })

  it('tells a phone whose WeChat was unbound, forgets the account and offers the password', async () => {
    localStorage.setItem('campuspass.staff.account.demo', 'security')
    mockApi({
      'POST /portal/demo/api/auth/staff-sign-in': {
        status: 404,
        body: { code: 'STAFF_WECHAT_NOT_BOUND', message: '此微信未绑定本校管理账号，请用账号或手机号和密码登录' },
      },
      'GET /admin/api/me': { body: ME },
      'GET /admin/api/workbench': { body: WORKBENCH },
      'GET /admin/api/tickets': { body: { items: [], total: 0 } },
    })
    const { wrapper, router } = await mountAt('/demo/staff/wechat-login?ticket=t-10')
    expect(wrapper.find('[data-test="wechat-login-error"]').text()).toContain('未绑定本校管理账号')
    expect(localStorage.getItem('campuspass.staff.account.demo')).toBeNull()
    expect(keycloak.loginWithTicket).not.toHaveBeenCalled()
    await wrapper.find('[data-test="use-password"]').trigger('click')
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('staff-workbench'))
    wrapper.unmount()
  })
})
