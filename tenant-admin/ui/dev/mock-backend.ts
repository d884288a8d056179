// Development only (OPERATOR_UI_MOCK=1 npm run dev | preview): a fake operator API and a fake OIDC provider
// that signs everyone in as a demo operator, so the console can be looked at without the backend and Keycloak.
// Nothing here is part of the built bundle.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Plugin } from 'vite'

type Status = 'ONBOARDING' | 'ACTIVE' | 'SUSPENDED' | 'FAILED' | 'OFFBOARDING' | 'OFFBOARDED'
const STEPS = ['REGISTRY', 'SCHEMA', 'REALM', 'STORAGE', 'ACTIVATE'] as const

interface MockSchool {
  code: string
  name: string
  status: Status
  createdAt: string
  startedAt: number
  offboardedAt: number
  failAt: number | null
  error: string | null
  config: { openIdentities: string[]; faceUpload: Record<string, boolean> }
  wechat: { appId: string | null; appSecretSet: boolean }
  sso: Record<string, unknown>
}

// How long each fake onboarding step takes; raise it to look at a school mid-way.
const STEP_MS = Number(process.env.OPERATOR_UI_MOCK_STEP_MS ?? 2000)
const KC_PATH = '/mock-kc/realms/platform/protocol/openid-connect'

function school(
  code: string,
  name: string,
  status: Status,
  daysAgo: number,
  extra: Partial<MockSchool> = {},
): MockSchool {
  return {
    code,
    name,
    status,
    createdAt: new Date(Date.now() - daysAgo * 86_400_000).toISOString(),
    // Settled schools finished onboarding right after they were created.
    startedAt: status === 'ONBOARDING' ? Date.now() : Date.now() - daysAgo * 86_400_000,
    offboardedAt: 0,
    failAt: null,
    error: null,
    config: {
      openIdentities: ['STUDENT', 'TEACHER', 'THIRD_PARTY'],
      faceUpload: { STUDENT: true, THIRD_PARTY: false, RESIDENT: false },
    },
    wechat: { appId: 'wx1234567890abcdef', appSecretSet: true },
    sso: { type: 'NONE' },
    ...extra,
  }
}

function seed(): Map<string, MockSchool> {
  const list = [
    school('tsinghua', '清华大学', 'ACTIVE', 120, {
      sso: {
        type: 'OIDC',
        displayName: '统一身份认证',
        authorizationUrl: 'https://id.tsinghua.edu.cn/authorize',
        tokenUrl: 'https://id.tsinghua.edu.cn/token',
        clientId: 'campuspass',
        clientSecretSet: true,
      },
    }),
    school('pku', '北京大学', 'ACTIVE', 90),
    school('fudan', '复旦大学', 'SUSPENDED', 60),
    school('zju', '浙江大学', 'FAILED', 2, { failAt: 2, error: 'Keycloak 返回 503：realm 创建超时' }),
    school('sjtu', '上海交通大学', 'ONBOARDING', 0, { failAt: null }),
    school('nju', '南京大学', 'OFFBOARDED', 300, { wechat: { appId: null, appSecretSet: false } }),
  ]
  return new Map(list.map((s) => [s.code, s]))
}

const schools = seed()

/** Onboarding advances one step every STEP_MS; a school whose code contains "fail" stops at REALM. */
function progress(s: MockSchool) {
  const elapsed = Math.floor((Date.now() - s.startedAt) / STEP_MS)
  if (s.status === 'ONBOARDING') {
    if (s.failAt !== null && elapsed >= s.failAt) {
      s.status = 'FAILED'
      s.error = 'Keycloak 返回 503：realm 创建超时'
    } else if (elapsed >= STEPS.length) {
      s.status = 'ACTIVE'
    }
  }
  if (s.status === 'OFFBOARDING' && Date.now() - s.offboardedAt >= 2 * STEP_MS) s.status = 'OFFBOARDED'
  const done =
    s.status === 'ONBOARDING'
      ? Math.min(elapsed, STEPS.length - 1)
      : s.status === 'FAILED'
        ? (s.failAt ?? 0)
        : STEPS.length
  const steps = STEPS.map((step, i) => ({
    step,
    state:
      i < done
        ? 'DONE'
        : i === done && s.status === 'FAILED'
          ? 'FAILED'
          : i === done && s.status === 'ONBOARDING'
            ? 'RUNNING'
            : 'PENDING',
    error: i === done && s.status === 'FAILED' ? s.error : null,
    finishedAt: i < done ? new Date(s.startedAt + (i + 1) * STEP_MS).toISOString() : null,
  }))
  return { currentStep: STEPS[Math.min(done, STEPS.length - 1)], steps }
}

function summary(s: MockSchool) {
  const onboarding = progress(s)
  const transitional = s.status === 'ONBOARDING' || s.status === 'FAILED'
  return {
    code: s.code,
    name: s.name,
    status: s.status,
    onboardingStep: transitional ? onboarding.currentStep : null,
    onboardingError: s.status === 'FAILED' ? s.error : null,
    createdAt: s.createdAt,
  }
}

function detail(s: MockSchool) {
  return {
    code: s.code,
    name: s.name,
    status: s.status,
    createdAt: s.createdAt,
    onboarding: progress(s),
    config: s.config,
    wechat: s.wechat,
    sso: s.sso,
    urls: {
      schoolConsole: `http://127.0.0.1:8080/admin/${s.code}/`,
      portal: `http://127.0.0.1:8080/portal/${s.code}/`,
    },
  }
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.statusCode = status
  res.setHeader('Content-Type', 'application/json; charset=utf-8')
  res.end(JSON.stringify(body))
}

async function readBody(req: IncomingMessage): Promise<string> {
  let data = ''
  for await (const chunk of req) data += chunk
  return data
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
function tokens(origin: string, nonce: string) {
  const now = Math.floor(Date.now() / 1000)
  const claims = {
    iss: `${origin}/mock-kc/realms/platform`,
    sub: 'op-1',
    iat: now,
    exp: now + 120,
    preferred_username: 'operator',
    name: '王运营',
    nonce,
    sid: 'mock-session',
  }
  const jwt = (c: object) => `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(c)}.mock`
  return {
    access_token: jwt({ ...claims, typ: 'Bearer' }),
    id_token: jwt({ ...claims, typ: 'ID' }),
    refresh_token: jwt({ ...claims, typ: 'Refresh', exp: now + 3600 }),
    token_type: 'Bearer',
    expires_in: 120,
  }
}

async function handle(req: IncomingMessage, res: ServerResponse, next: () => void) {
  const origin = `http://${req.headers.host}`
  const url = new URL(req.url ?? '/', origin)
  const p = url.pathname
  const method = req.method ?? 'GET'

  if (p === '/public/api/console-config') {
    return json(res, 200, { keycloakUrl: `${origin}/mock-kc`, realm: 'platform', clientId: 'operator-console' })
  }
  if (p === `${KC_PATH}/auth`) {
    const back = new URL(url.searchParams.get('redirect_uri') ?? '/operator/')
    back.searchParams.set('state', url.searchParams.get('state') ?? '')
    back.searchParams.set('session_state', 'mock-session')
    back.searchParams.set('iss', `${origin}/mock-kc/realms/platform`)
    back.searchParams.set('code', Buffer.from(url.searchParams.get('nonce') ?? '').toString('base64url'))
    res.statusCode = 302
    res.setHeader('Location', back.toString())
    return res.end()
  }
  if (p === `${KC_PATH}/token` && method === 'POST') {
    const form = new URLSearchParams(await readBody(req))
    const nonce =
      form.get('grant_type') === 'authorization_code'
        ? Buffer.from(form.get('code') ?? '', 'base64url').toString()
        : JSON.parse(Buffer.from((form.get('refresh_token') ?? '..').split('.')[1], 'base64url').toString() || '{}')
            .nonce
    return json(res, 200, tokens(origin, nonce))
  }
  if (p === `${KC_PATH}/logout`) {
    res.statusCode = 302
    res.setHeader('Location', url.searchParams.get('post_logout_redirect_uri') ?? '/operator/')
    return res.end()
  }

  if (!p.startsWith('/operator/api/')) return next()
  if (!String(req.headers.authorization ?? '').startsWith('Bearer ')) {
    return json(res, 401, { code: 'UNAUTHENTICATED', message: '请先登录' })
  }
  const parts = p.slice('/operator/api/'.length).split('/').map(decodeURIComponent)

  if (parts[0] === 'schools' && parts.length === 1 && method === 'GET') {
    const q = (url.searchParams.get('q') ?? '').toLowerCase()
    const status = url.searchParams.get('status')
    const page = Number(url.searchParams.get('page') ?? 0)
    const size = Number(url.searchParams.get('size') ?? 20)
    const all = [...schools.values()]
      .filter(
        (s) =>
          (!q || s.code.includes(q) || s.name.toLowerCase().includes(q)) &&
          (!status || (progress(s), s.status === status)),
      )
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    return json(res, 200, { items: all.slice(page * size, page * size + size).map(summary), total: all.length })
  }
  if (parts[0] === 'schools' && parts.length === 1 && method === 'POST') {
    const body = JSON.parse(await readBody(req))
    if (!/^[a-z][a-z0-9]{1,29}$/.test(body.code ?? ''))
      return json(res, 400, { code: 'SCHOOL_CODE_INVALID', message: '学校编码格式不正确' })
    if (schools.has(body.code)) return json(res, 409, { code: 'SCHOOL_CODE_TAKEN', message: '学校编码已存在' })
    const s = school(body.code, body.name, 'ONBOARDING', 0, {
      failAt: body.code.includes('fail') ? 2 : null,
      config: { openIdentities: body.openIdentities, faceUpload: body.faceUpload },
      wechat: { appId: body.wechat?.appId || null, appSecretSet: !!body.wechat?.appSecret },
    })
    schools.set(s.code, s)
    return json(res, 202, detail(s))
  }
  const s = parts[0] === 'schools' && parts[1] ? schools.get(parts[1]) : undefined
  if (!s) return json(res, 404, { code: 'SCHOOL_NOT_FOUND', message: '学校不存在' })
  progress(s)
  const action = parts.slice(2).join('/')
  if (!action && method === 'GET') return json(res, 200, detail(s))
  if (action === 'onboarding/retry' && method === 'POST') {
    if (s.status !== 'FAILED') return json(res, 409, { code: 'SCHOOL_NOT_FAILED', message: '学校未处于开通失败状态' })
    Object.assign(s, { status: 'ONBOARDING', startedAt: Date.now(), failAt: null, error: null })
    return json(res, 202, detail(s))
  }
  if (action === 'suspend' && method === 'POST') {
    if (s.status !== 'ACTIVE') return json(res, 409, { code: 'SCHOOL_NOT_ACTIVE', message: '只有已启用的学校可以暂停' })
    s.status = 'SUSPENDED'
    return json(res, 200, detail(s))
  }
  if (action === 'resume' && method === 'POST') {
    if (s.status !== 'SUSPENDED')
      return json(res, 409, { code: 'SCHOOL_NOT_SUSPENDED', message: '只有已暂停的学校可以恢复' })
    s.status = 'ACTIVE'
    return json(res, 200, detail(s))
  }
  if (action === 'offboard' && method === 'POST') {
    Object.assign(s, { status: 'OFFBOARDING', offboardedAt: Date.now() })
    return json(res, 202, { exportUrl: `${origin}/mock-exports/${s.code}.zip` })
  }
  if (action === 'config' && method === 'PUT') {
    s.config = JSON.parse(await readBody(req))
    return json(res, 200, detail(s))
  }
  if (action === 'sso' && method === 'PUT') {
    const body = JSON.parse(await readBody(req))
    s.sso = {
      ...body,
      clientSecret: undefined,
      clientSecretSet: body.type === 'OIDC' && (!!body.clientSecret || !!s.sso.clientSecretSet),
    }
    return json(res, 200, detail(s))
  }
  return json(res, 405, { code: 'METHOD_NOT_ALLOWED', message: '不支持的操作' })
}

export function mockBackend(): Plugin {
  const middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    handle(req, res, next).catch((error: unknown) => json(res, 500, { code: 'MOCK_ERROR', message: String(error) }))
  }
  return {
    name: 'campuspass-operator-mock-backend',
    configureServer(server) {
      server.middlewares.use(middleware)
    },
    configurePreviewServer(server) {
      server.middlewares.use(middleware)
    },
  }
}
