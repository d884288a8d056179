import { request } from './http'

export const SCHOOL_STATUSES = ['ONBOARDING', 'ACTIVE', 'SUSPENDED', 'FAILED', 'OFFBOARDING', 'OFFBOARDED'] as const
export type SchoolStatus = (typeof SCHOOL_STATUSES)[number]

export const ONBOARDING_STEPS = ['REGISTRY', 'SCHEMA', 'REALM', 'STORAGE', 'ACTIVATE'] as const
export type OnboardingStep = (typeof ONBOARDING_STEPS)[number]
export type StepState = 'DONE' | 'RUNNING' | 'PENDING' | 'FAILED'

export const IDENTITIES = ['STUDENT', 'TEACHER', 'THIRD_PARTY', 'RESIDENT'] as const
export type Identity = (typeof IDENTITIES)[number]
/** Teachers can always register; the console never lets an operator close that identity. */
export const ALWAYS_OPEN: Identity = 'TEACHER'
/** Identities whose face-photo requirement is set here (teachers' is set per teacher type elsewhere). */
export const FACE_UPLOAD_IDENTITIES: Identity[] = ['STUDENT', 'THIRD_PARTY', 'RESIDENT']

/** Lowercase letters and digits, 2–30 characters, starting with a letter; also the realm and schema name. */
export const SCHOOL_CODE_PATTERN = /^[a-z][a-z0-9]{1,29}$/

export interface SchoolSummary {
  code: string
  name: string
  status: SchoolStatus
  onboardingStep: OnboardingStep | null
  onboardingError: string | null
  createdAt: string
}

export interface Page<T> {
  items: T[]
  total: number
}

export interface SchoolConfig {
  openIdentities: Identity[]
  faceUpload: Record<string, boolean>
  /** R1: a WeChat account is first bound only after an SMS code to the registrant's registered phone. */
  smsAtFirstBinding?: boolean
}

export interface WechatSettings {
  appId: string
  appSecret: string
  token: string
  aesKey: string
}

export interface NewSchool extends SchoolConfig {
  code: string
  name: string
  admin: { username: string; phone: string; password: string; name: string }
  wechat: WechatSettings
}

export interface OnboardingStepView {
  step: OnboardingStep
  state: StepState
  error: string | null
  finishedAt: string | null
}

export type SsoType = 'NONE' | 'OIDC' | 'SAML'

export interface OidcSso {
  type: 'OIDC'
  displayName: string
  issuer?: string
  authorizationUrl: string
  tokenUrl: string
  jwksUrl?: string
  userInfoUrl?: string
  clientId: string
  /** Write-only: sent when set or changed, never returned. */
  clientSecret?: string
}

export interface SamlSso {
  type: 'SAML'
  displayName: string
  entityId: string
  singleSignOnServiceUrl: string
  signingCertificate?: string
}

export type SsoSettings = OidcSso | SamlSso | { type: 'NONE' }

/** What GET returns: the write shape without secrets, plus whether a client secret is stored. */
export interface SsoView {
  type: SsoType
  displayName?: string
  issuer?: string
  authorizationUrl?: string
  tokenUrl?: string
  jwksUrl?: string
  userInfoUrl?: string
  clientId?: string
  clientSecretSet?: boolean
  entityId?: string
  singleSignOnServiceUrl?: string
  signingCertificate?: string
}

export interface SchoolDetail {
  code: string
  name: string
  status: SchoolStatus
  createdAt: string
  onboarding: { currentStep: OnboardingStep | null; steps: OnboardingStepView[] } | null
  config: SchoolConfig
  wechat: { appId: string | null; appSecretSet: boolean } | null
  sso: SsoView | null
  urls: { schoolConsole?: string; portal?: string } | null
}

export interface SchoolQuery {
  q?: string
  status?: SchoolStatus | ''
  page: number
  size: number
}

const path = (code: string, rest = '') => `/schools/${encodeURIComponent(code)}${rest}`

export const schoolsApi = {
  list: (query: SchoolQuery) => request<Page<SchoolSummary>>('/schools', { query: { ...query } }),
  create: (school: NewSchool) => request<SchoolDetail>('/schools', { method: 'POST', body: school }),
  get: (code: string, quiet = false) => request<SchoolDetail>(path(code), { quiet }),
  retryOnboarding: (code: string) =>
    request<SchoolDetail | undefined>(path(code, '/onboarding/retry'), { method: 'POST' }),
  suspend: (code: string) => request<SchoolDetail | undefined>(path(code, '/suspend'), { method: 'POST' }),
  resume: (code: string) => request<SchoolDetail | undefined>(path(code, '/resume'), { method: 'POST' }),
  offboard: (code: string) => request<{ exportUrl: string }>(path(code, '/offboard'), { method: 'POST' }),
  updateConfig: (code: string, config: SchoolConfig) =>
    request<SchoolDetail | undefined>(path(code, '/config'), { method: 'PUT', body: config }),
  updateSso: (code: string, sso: SsoSettings) =>
    request<SchoolDetail | undefined>(path(code, '/sso'), { method: 'PUT', body: sso }),
}

/** Statuses that change on their own; pages poll while a school is in one. */
export const TRANSITIONAL: SchoolStatus[] = ['ONBOARDING', 'OFFBOARDING']

type TagType = 'primary' | 'success' | 'warning' | 'danger' | 'info'
/** Tag colours: blue while being set up, green in service, amber paused, red failed or ending, grey gone. */
export const STATUS_TAG: Record<SchoolStatus, { type: TagType; effect: 'light' | 'dark' }> = {
  ONBOARDING: { type: 'primary', effect: 'light' },
  ACTIVE: { type: 'success', effect: 'light' },
  SUSPENDED: { type: 'warning', effect: 'light' },
  FAILED: { type: 'danger', effect: 'dark' },
  OFFBOARDING: { type: 'danger', effect: 'light' },
  OFFBOARDED: { type: 'info', effect: 'light' },
}
