// The registrant portal API (/portal/{school}/api): session header, language, {code,message} → ApiError.
// A 401 means the session is gone (expired, signed out elsewhere, unbound by an admin): it is dropped here and
// the caller restarts the sign-in flow.
import { clearSession, loadSession, saveSession } from '@/auth/session'
import type { MyFace } from '@/face'
import { currentLocale } from '@/i18n'
import type { Identity } from '@/auth/flow'
import { ApiError, readJson, toApiError } from './errors'

export interface PortalInfo {
  school: string
  name: string
  identities: Identity[]
  faceRequired: Identity[]
  wechatLogin: boolean
}

export interface Profile {
  registrantId: number
  name: string
  identity: Identity
  number: string
  departmentName?: string | null
  managedDepartmentName?: string | null
  phone?: string | null
}

export interface SessionResult {
  token: string
  bound: boolean
  profile?: Profile | null
}

/** 202 from the login: the school wants the SMS code sent to the registrant's registered phone (R1). */
export interface SmsCodeRequired {
  state: 'SMS_CODE_REQUIRED'
  phoneMasked: string
  resendAfterSeconds: number
}

export interface LoginResult {
  state?: 'BOUND'
  profile: Profile
  /** Present when the server opened a new session (schools without WeChat login). */
  token?: string
}

export interface GateRef {
  id: number
  name: string
  campusName: string
}

export interface Pass {
  code: string
  qrPayload: string
  /** ISO instant. */
  expiresAt: string
  rotationSeconds: number
  /** ISO instant: the server's clock when it answered. */
  serverTime: string
  gate: GateRef
  person: {
    name: string
    identity: Identity
    number: string
    departmentName?: string | null
    photoUrl?: string | null
  }
}

export interface AccessRules {
  campuses: {
    id: number
    name: string
    enabled?: boolean
    gates: { id: number; name: string; enabled?: boolean; allowed: boolean }[]
  }[]
}

export type VehicleType = 'MOTOR' | 'EBIKE'
export type OwnerRelation = 'SELF' | 'SPOUSE' | 'PARENT' | 'CHILD' | 'RELATIVE' | 'FRIEND' | 'EMPLOYER' | 'OTHER'
export const OWNER_RELATIONS: OwnerRelation[] = [
  'SELF',
  'SPOUSE',
  'PARENT',
  'CHILD',
  'RELATIVE',
  'FRIEND',
  'EMPLOYER',
  'OTHER',
]
export type RegistrationStatus = 'PENDING' | 'APPROVED' | 'REJECTED'

/** One of the registrant's own vehicle registrations (R2, R4.6). */
export interface MyVehicle {
  id: number
  type: VehicleType
  plate: string
  ownerName: string
  relation: OwnerRelation
  status: RegistrationStatus
  rejectReason: string | null
  longTerm: boolean
  validUntil: string | null
  enabled: boolean
  submittedAt: string
  reviewedAt: string | null
}

export interface VehicleDraft {
  type: VehicleType
  plate: string
  ownerName: string
  relation: OwnerRelation
}

export interface FeedbackType {
  id: number
  name: string
  description?: string | null
}

export interface FeedbackImage {
  url: string
  contentType: string
}

/** One piece of the registrant's own feedback (R4.5). */
export interface MyFeedback {
  id: number
  typeId: number
  typeName: string
  title: string
  details: string
  replied: boolean
  reply?: string | null
  /** ISO instants. */
  repliedAt?: string | null
  createdAt: string
  imageCount: number
  images: FeedbackImage[]
}

export interface MyFeedbackPage {
  items: MyFeedback[]
  total: number
}

export interface FeedbackDraft {
  typeId: number
  title: string
  details: string
}

/** R4.10: the fields depend on the identity; `key` names the label. */
export interface PersonalInfo {
  registrantId: number
  identity: Identity
  avatarUrl?: string | null
  avatarChangesLeft: number
  avatarChangesAllowed: number
  fields: { key: string; value?: string | null }[]
}

/** 403 code of the portal API when the session has an openid but no registrant. */
export const LOGIN_REQUIRED = 'PORTAL_LOGIN_REQUIRED'

/** True when the error means "sign in (again)": no valid session (401) or no registrant bound to it. */
export function needsSignIn(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 401 || error.code === LOGIN_REQUIRED)
}

export function apiBase(school: string): string {
  return `/portal/${school}/api`
}

export async function portalRequest<T>(
  school: string,
  path: string,
  options: { method?: 'GET' | 'POST' | 'PUT' | 'DELETE'; body?: unknown; form?: FormData; session?: boolean } = {},
): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': currentLocale() === 'en' ? 'en' : 'zh-CN',
  }
  const session = options.session === false ? null : loadSession(school)
  if (session) headers['X-Portal-Session'] = session.token
  let body: string | FormData | undefined
  if (options.form !== undefined) {
    // The browser sets the multipart Content-Type with its boundary.
    body = options.form
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(options.body)
  }
  const response = await fetch(apiBase(school) + path, { method: options.method ?? 'GET', headers, body })
  if (!response.ok) {
    const error = await toApiError(response)
    if (response.status === 401 && session) clearSession(school)
    // The session knows the WeChat account but no registrant (never signed in, or unbound by an admin).
    if (error.code === LOGIN_REQUIRED && session) saveSession(school, { token: session.token, bound: false })
    throw error
  }
  return readJson<T>(response)
}

const infoCache = new Map<string, Promise<PortalInfo>>()

/** The school's portal info, fetched once per page load (a failure is not cached). */
export function getInfo(school: string): Promise<PortalInfo> {
  let pending = infoCache.get(school)
  if (!pending) {
    pending = portalRequest<PortalInfo>(school, '/info', { session: false })
    infoCache.set(school, pending)
    pending.catch(() => infoCache.delete(school))
  }
  return pending
}

export function forgetInfo(): void {
  infoCache.clear()
}

export const portalApi = {
  createSession: (school: string, ticket: string) =>
    portalRequest<SessionResult>(school, '/auth/session', { method: 'POST', body: { ticket }, session: false }),
  login: (school: string, identity: Identity, number: string, verifier: string, smsCode?: string) =>
    portalRequest<LoginResult | SmsCodeRequired>(school, '/auth/login', {
      method: 'POST',
      body: { identity, number, verifier, smsCode },
    }),
  logout: (school: string) => portalRequest<void>(school, '/auth/session', { method: 'DELETE' }),
  me: (school: string) => portalRequest<Profile>(school, '/me'),
  accessRules: (school: string) => portalRequest<AccessRules>(school, '/me/access-rules'),
  feedbackTypes: (school: string) => portalRequest<FeedbackType[]>(school, '/feedback-types'),
  myFeedback: (school: string, replied: boolean | null, page = 0, size = 20) => {
    const query = new URLSearchParams({ page: String(page), size: String(size) })
    if (replied !== null) query.set('replied', String(replied))
    return portalRequest<MyFeedbackPage>(school, `/feedback?${query}`)
  },
  feedback: (school: string, id: number | string) => portalRequest<MyFeedback>(school, `/feedback/${id}`),
  sendFeedback: (school: string, draft: FeedbackDraft, images: File[]) => {
    const form = new FormData()
    form.append('feedback', new Blob([JSON.stringify(draft)], { type: 'application/json' }))
    for (const image of images) form.append('images', image, image.name)
    return portalRequest<MyFeedback>(school, '/feedback', { method: 'POST', form })
  },
  myVehicles: (school: string) => portalRequest<MyVehicle[]>(school, '/vehicles'),
  registerVehicle: (school: string, draft: VehicleDraft, licencePhoto: File | null, vehiclePhoto: File) => {
    const form = new FormData()
    form.append('vehicle', new Blob([JSON.stringify(draft)], { type: 'application/json' }))
    if (licencePhoto) form.append('licencePhoto', licencePhoto, licencePhoto.name)
    form.append('vehiclePhoto', vehiclePhoto, vehiclePhoto.name)
    return portalRequest<MyVehicle>(school, '/vehicles', { method: 'POST', form })
  },
  personalInfo: (school: string) => portalRequest<PersonalInfo>(school, '/me/info'),
  changeAvatar: (school: string, file: File) => {
    const form = new FormData()
    form.append('file', file, file.name)
    return portalRequest<PersonalInfo>(school, '/me/avatar', { method: 'POST', form })
  },
  sendPhoneCode: (school: string, phone: string) =>
    portalRequest<{ phoneMasked: string; resendAfterSeconds: number }>(school, '/me/phone/code', {
      method: 'POST',
      body: { phone },
    }),
  changePhone: (school: string, phone: string, code: string) =>
    portalRequest<PersonalInfo>(school, '/me/phone', { method: 'PUT', body: { phone, code } }),
  myFace: (school: string) => portalRequest<MyFace>(school, '/me/face'),
  uploadFace: (school: string, file: File) => {
    const form = new FormData()
    form.append('file', file, file.name)
    return portalRequest<MyFace>(school, '/me/face', { method: 'POST', form })
  },
  createPass: (school: string, gateId: string | number, signature: string) =>
    portalRequest<Pass>(school, '/passes', { method: 'POST', body: { gateId: Number(gateId), signature } }),
}

export { ApiError }
