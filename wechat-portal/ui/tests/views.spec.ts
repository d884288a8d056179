import { describe, expect, it, vi } from 'vitest'
import { navigation } from '@/auth/navigation'
import { loadSession } from '@/auth/session'
import { INFO, mockApi, mountAt, PROFILE, settle, signedIn } from './helpers'

const API = '/portal/demo/api'

function pass(code: string) {
  const now = Date.now()
  return {
    code,
    qrPayload: `CP1.demo.${code}.signature`,
    expiresAt: new Date(now + 30_000).toISOString(),
    rotationSeconds: 30,
    serverTime: new Date(now).toISOString(),
    gate: { id: 5, name: '东门', campusName: '主校区' },
    person: { name: '张三', identity: 'STUDENT', number: '2023001', departmentName: '计算机学院' },
  }
}

describe('sign-in flow', () => {
  it('sends a visitor without session from a gate link to WeChat OAuth, returning to the link', async () => {
    mockApi({ [`GET ${API}/info`]: { body: INFO } })
    const assign = vi.spyOn(navigation, 'assign').mockImplementation(() => undefined)
    const { router } = await mountAt('/demo/gate/5?s=sig-1')
    expect(assign).toHaveBeenCalledWith(
      '/portal/demo/api/auth/wechat/authorize?returnTo=' + encodeURIComponent('/portal/demo/gate/5?s=sig-1'),
    )
    expect(router.currentRoute.value.name).not.toBe('gate')
  })

  it('sends a visitor to the identity entry when the school has no WeChat login', async () => {
    mockApi({ [`GET ${API}/info`]: { body: { ...INFO, wechatLogin: false } } })
    const { router, wrapper } = await mountAt('/demo/rules')
    expect(router.currentRoute.value.name).toBe('login')
    expect(router.currentRoute.value.query.returnTo).toBe('/portal/demo/rules')
    expect(wrapper.find('[data-test="identity-TEACHER"]').exists()).toBe(true)
  })

  it('trades the ticket for a session and goes straight to returnTo when the openid is bound', async () => {
    const api = mockApi({
      [`GET ${API}/info`]: { body: INFO },
      [`POST ${API}/auth/session`]: { body: { token: 'tok-1', bound: true, profile: PROFILE } },
      [`POST ${API}/passes`]: { body: pass('123456') },
    })
    const { router, wrapper } = await mountAt(
      '/demo/auth?ticket=T-1&returnTo=' + encodeURIComponent('/portal/demo/gate/5?s=sig-1'),
    )
    expect(api.calls.find((c) => c.path === `${API}/auth/session`)?.body).toEqual({ ticket: 'T-1' })
    expect(loadSession('demo')).toEqual({ token: 'tok-1', bound: true })
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/demo/gate/5?s=sig-1'))
    await vi.waitFor(() => expect(wrapper.find('[data-test="pass-code"]').text()).toBe('123456'))
    const passCall = api.calls.find((c) => c.path === `${API}/passes`)
    expect(passCall?.headers['X-Portal-Session']).toBe('tok-1')
    expect(passCall?.body).toEqual({ gateId: 5, signature: 'sig-1' })
  })

  it('sends a new openid to the identity entry, and never to a foreign returnTo', async () => {
    mockApi({
      [`GET ${API}/info`]: { body: INFO },
      [`POST ${API}/auth/session`]: { body: { token: 'tok-2', bound: false, profile: null } },
    })
    const { router } = await mountAt('/demo/auth?ticket=T-2&returnTo=' + encodeURIComponent('//evil.example/x'))
    expect(router.currentRoute.value.name).toBe('login')
    expect(router.currentRoute.value.query.returnTo).toBe('/portal/demo/')
    expect(loadSession('demo')).toEqual({ token: 'tok-2', bound: false })
  })
})

describe('identity login (R1)', () => {
  it('offers only the identities the school opened and signs in with the WeChat session', async () => {
    signedIn('demo', false, 'tok-3')
    const api = mockApi({
      [`GET ${API}/info`]: { body: INFO },
      [`POST ${API}/auth/login`]: { body: { profile: PROFILE } },
      [`GET ${API}/me/access-rules`]: { body: { campuses: [] } },
    })
    const { router, wrapper } = await mountAt('/demo/login?returnTo=' + encodeURIComponent('/portal/demo/rules'))
    const shown = wrapper.findAll('[data-test^="identity-"]').map((b) => b.attributes('data-test'))
    expect(shown).toEqual(['identity-STUDENT', 'identity-TEACHER'])

    await wrapper.find('[data-test="identity-STUDENT"]').trigger('click')
    await wrapper.find('[data-test="login-number"] input').setValue(' 2023001 ')
    await wrapper.find('[data-test="login-verifier"] input').setValue('12345X')
    await wrapper.find('form').trigger('submit')
    await settle()

    const login = api.calls.find((c) => c.path === `${API}/auth/login`)
    expect(login?.body).toEqual({ identity: 'STUDENT', number: '2023001', verifier: '12345X' })
    expect(login?.headers['X-Portal-Session']).toBe('tok-3')
    expect(loadSession('demo')).toEqual({ token: 'tok-3', bound: true })
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/demo/rules'))
  })

  it('asks for the SMS code when the school requires one at first binding, then binds with it', async () => {
    signedIn('demo', false, 'tok-4')
    const api = mockApi({
      [`GET ${API}/info`]: { body: INFO },
      [`POST ${API}/auth/login`]: (call) =>
        (call.body as { smsCode?: string }).smsCode
          ? { body: { state: 'BOUND', profile: PROFILE } }
          : { status: 202, body: { state: 'SMS_CODE_REQUIRED', phoneMasked: '139****0001', resendAfterSeconds: 60 } },
      [`GET ${API}/me/access-rules`]: { body: { campuses: [] } },
    })
    const { router, wrapper } = await mountAt('/demo/login?returnTo=' + encodeURIComponent('/portal/demo/rules'))
    await wrapper.find('[data-test="identity-STUDENT"]').trigger('click')
    expect(wrapper.find('[data-test="login-sms-code"]').exists()).toBe(false)
    await wrapper.find('[data-test="login-number"] input').setValue('2023001')
    await wrapper.find('[data-test="login-verifier"] input').setValue('12345X')
    await wrapper.find('form').trigger('submit')
    await settle()

    // Not signed in yet: the code field, where the code went, and the resend button counting down.
    expect(router.currentRoute.value.name).toBe('login')
    expect(loadSession('demo')?.bound).toBe(false)
    expect(wrapper.find('[data-test="sms-hint"]').text()).toContain('139****0001')
    const send = wrapper.find('[data-test="login-sms-send"]')
    expect(send.attributes('disabled')).toBeDefined()
    expect(send.text()).toContain('60')

    // Submitting without the code is stopped in the page.
    await wrapper.find('form').trigger('submit')
    await settle()
    expect(api.count(`POST ${API}/auth/login`)).toBe(1)
    expect(wrapper.find('[data-test="login-error"]').text()).toContain('请输入短信验证码')

    await wrapper.find('[data-test="login-sms-code"] input').setValue('123456')
    await wrapper.find('form').trigger('submit')
    await settle()
    const logins = api.calls.filter((c) => c.path === `${API}/auth/login`)
    expect(logins.map((c) => c.body)).toEqual([
      { identity: 'STUDENT', number: '2023001', verifier: '12345X' },
      { identity: 'STUDENT', number: '2023001', verifier: '12345X', smsCode: '123456' },
    ])
    expect(loadSession('demo')).toEqual({ token: 'tok-4', bound: true })
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/demo/rules'))
  })

  it("shows the server's message when the login is refused", async () => {
    signedIn('demo', false)
    mockApi({
      [`GET ${API}/info`]: { body: INFO },
      [`POST ${API}/auth/login`]: { status: 400, body: { code: 'LOGIN_FAILED', message: '学号或验证信息不正确' } },
    })
    const { router, wrapper } = await mountAt('/demo/login')
    await wrapper.find('[data-test="identity-TEACHER"]').trigger('click')
    await wrapper.find('[data-test="login-number"] input').setValue('T001')
    await wrapper.find('[data-test="login-verifier"] input').setValue('000000')
    await wrapper.find('form').trigger('submit')
    await settle()
    expect(wrapper.find('[data-test="login-error"]').text()).toContain('学号或验证信息不正确')
    expect(router.currentRoute.value.name).toBe('login')
    expect(loadSession('demo')?.bound).toBe(false)
  })
})

describe('pass page (R3)', () => {
  it('shows the QR, the code, the person and the countdown', async () => {
    signedIn()
    mockApi({ [`POST ${API}/passes`]: { body: pass('654321') } })
    const { wrapper } = await mountAt('/demo/gate/5?s=sig')
    expect(wrapper.find('[data-test="pass-code"]').text()).toBe('654321')
    await settle()
    expect(wrapper.find('[data-test="pass-qr"]').attributes('data-payload')).toBe('CP1.demo.654321.signature')
    expect(wrapper.find('[data-test="pass-qr"] svg').exists()).toBe(true)
    expect(wrapper.find('[data-test="pass-gate"]').text()).toBe('主校区 · 东门')
    expect(Number(wrapper.find('[data-test="pass-countdown"]').attributes('data-seconds'))).toBeGreaterThan(25)
    expect(wrapper.text()).toContain('张三')
    expect(wrapper.text()).toContain('计算机学院')
  })

  it("shows 无法通行 with the server's reason on 403", async () => {
    signedIn()
    mockApi({ [`POST ${API}/passes`]: { status: 403, body: { code: 'NO_ACCESS', message: '您没有东门的通行权限' } } })
    const { wrapper } = await mountAt('/demo/gate/5?s=sig')
    const denied = wrapper.find('[data-test="pass-denied"]')
    expect(denied.text()).toContain('无法通行')
    expect(denied.text()).toContain('您没有东门的通行权限')
    expect(denied.attributes('data-code')).toBe('NO_ACCESS')
    expect(wrapper.find('[data-test="pass-code"]').exists()).toBe(false)
  })

  it('shows 二维码无效 for a bad signature, and for a link without one without asking the server', async () => {
    signedIn()
    const api = mockApi({
      [`POST ${API}/passes`]: { status: 400, body: { code: 'GATE_LINK_INVALID', message: '校门二维码无效' } },
    })
    const first = await mountAt('/demo/gate/5?s=forged')
    expect(first.wrapper.find('[data-test="pass-invalid"]').text()).toContain('二维码无效')
    first.wrapper.unmount()
    const second = await mountAt('/demo/gate/5')
    expect(second.wrapper.find('[data-test="pass-invalid"]').exists()).toBe(true)
    expect(api.count(`POST ${API}/passes`)).toBe(1)
  })

  it('restarts sign-in when the session is refused', async () => {
    signedIn()
    mockApi({
      [`GET ${API}/info`]: { body: INFO },
      [`POST ${API}/passes`]: { status: 401, body: { code: 'UNAUTHENTICATED', message: '请先登录' } },
    })
    const assign = vi.spyOn(navigation, 'assign').mockImplementation(() => undefined)
    await mountAt('/demo/gate/5?s=sig')
    expect(loadSession('demo')).toBeNull()
    expect(assign).toHaveBeenCalledWith(
      '/portal/demo/api/auth/wechat/authorize?returnTo=' + encodeURIComponent('/portal/demo/gate/5?s=sig'),
    )
  })

  it('sends a session whose WeChat binding was removed back to the identity entry', async () => {
    signedIn('demo', true, 'tok-4')
    mockApi({
      [`GET ${API}/info`]: { body: INFO },
      [`POST ${API}/passes`]: { status: 403, body: { code: 'PORTAL_LOGIN_REQUIRED', message: '请先登录' } },
    })
    const { router, wrapper } = await mountAt('/demo/gate/5?s=sig')
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('login'))
    expect(router.currentRoute.value.query.returnTo).toBe('/portal/demo/gate/5?s=sig')
    expect(loadSession('demo')).toEqual({ token: 'tok-4', bound: false })
    expect(wrapper.find('[data-test="pass-denied"]').exists()).toBe(false)
  })
})

describe('home and access rules (R4.4)', () => {
  it('shows the school and the signed-in person', async () => {
    signedIn()
    mockApi({ [`GET ${API}/info`]: { body: INFO }, [`GET ${API}/me`]: { body: PROFILE } })
    const { wrapper } = await mountAt('/demo/')
    expect(wrapper.find('[data-test="school-name"]').text()).toBe('演示大学')
    expect(wrapper.find('[data-test="profile-name"]').text()).toBe('张三')
    expect(wrapper.text()).toContain('扫描校门二维码生成通行证')
  })

  it('explains a failed WeChat sign-in the server sent back, without echoing unknown text', async () => {
    mockApi({ [`GET ${API}/info`]: { body: INFO } })
    const known = await mountAt('/demo/?error=WECHAT_OAUTH_FAILED')
    expect(known.wrapper.find('[data-test="signin-error"]').text()).toContain('微信授权未完成')
    expect(known.wrapper.find('[data-test="home-login"]').exists()).toBe(true)
    known.wrapper.unmount()
    const odd = await mountAt('/demo/?error=%3Cb%3Ehi%3C%2Fb%3E')
    expect(odd.wrapper.find('[data-test="signin-error"]').text()).toBe('微信登录失败，请重新登录')
  })

  it('highlights only the allowed gates', async () => {
    signedIn()
    mockApi({
      [`GET ${API}/me/access-rules`]: {
        body: {
          campuses: [
            {
              id: 1,
              name: '主校区',
              enabled: true,
              gates: [
                { id: 11, name: '东门', enabled: true, allowed: false },
                { id: 12, name: '西门', enabled: true, allowed: true },
              ],
            },
          ],
        },
      },
    })
    const { wrapper } = await mountAt('/demo/rules')
    expect(wrapper.find('[data-test="rules-list"]').attributes('data-allowed-count')).toBe('1')
    expect(wrapper.find('[data-test="rules-gate-12"]').classes()).toContain('allowed')
    expect(wrapper.find('[data-test="rules-gate-11"]').classes()).not.toContain('allowed')
    expect(wrapper.find('[data-test="rules-empty"]').exists()).toBe(false)
  })

  it('says 暂无通行权限 when nothing is allowed', async () => {
    signedIn()
    mockApi({
      [`GET ${API}/me/access-rules`]: {
        body: { campuses: [{ id: 1, name: '主校区', gates: [{ id: 11, name: '东门', allowed: false }] }] },
      },
    })
    const { wrapper } = await mountAt('/demo/rules')
    expect(wrapper.find('[data-test="rules-empty"]').text()).toContain('暂无通行权限')
  })
})

describe('guard page', () => {
  it('verifies a code at the remembered gate and shows the verdict full screen', async () => {
    localStorage.setItem('campuspass.guard.gate.demo', '6')
    const api = mockApi({
      'GET /admin/api/gates': {
        body: [
          { id: 5, campusId: 1, name: '东门', enabled: true },
          { id: 6, campusId: 1, name: '西门', enabled: true },
        ],
      },
      'GET /admin/api/campuses': { body: [{ id: 1, name: '主校区' }] },
      'POST /admin/api/pass-verifications': {
        body: {
          allowed: false,
          reason: 'PASS_WRONG_GATE',
          message: '该通行证不是本校门的',
          person: {
            registrantId: 7,
            name: '张三',
            identity: 'STUDENT',
            number: '2023001',
            departmentName: '计算机学院',
            photoUrl: null,
          },
          gate: { id: 6, name: '西门', campusName: '主校区' },
          method: 'GUARD',
          recordId: 99,
          verifiedAt: new Date().toISOString(),
        },
      },
    })
    const { wrapper } = await mountAt('/demo/guard')
    expect(wrapper.find('[data-test="guard-gate"]').text()).toBe('主校区 · 西门')
    const input = wrapper.find('[data-test="guard-code"]')
    await input.setValue('12a34 56')
    expect((input.element as HTMLInputElement).value).toBe('123456')
    await wrapper.find('form').trigger('submit')
    await settle()
    const call = api.calls.find((c) => c.path === '/admin/api/pass-verifications')
    expect(call?.body).toEqual({ code: '123456', gateId: 6 })
    expect(call?.headers.Authorization).toBe('Bearer guard-token')
    const result = wrapper.find('[data-test="guard-result"]')
    expect(result.attributes('data-allowed')).toBe('false')
    expect(result.text()).toContain('禁止通行')
    expect(result.text()).toContain('该通行证不是本校门的')
    expect(wrapper.findAll('[data-test="guard-history"] li')).toHaveLength(1)
  })
})
