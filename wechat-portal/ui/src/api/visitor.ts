// The visitor side of the portal (V1–V3) and the host side for teachers (R4.2, R4.3). A visitor signs in with
// WeChat alone and holds a visitor session of their own (header X-Visitor-Session, its own storage key), never the
// registrant's portal session: the two are kept apart on both ends.
import { currentLocale } from '@/i18n'
import { portalRequest, apiBase } from './portal'
import { readJson, toApiError } from './errors'

export type VisitSlot = 'MORNING' | 'AFTERNOON' | 'EVENING'
export const VISIT_SLOTS: VisitSlot[] = ['MORNING', 'AFTERNOON', 'EVENING']
export type Transport = 'WALK' | 'CAR' | 'EBIKE' | 'PUBLIC_TRANSPORT' | 'TAXI' | 'OTHER'
export const TRANSPORTS: Transport[] = ['WALK', 'CAR', 'EBIKE', 'PUBLIC_TRANSPORT', 'TAXI', 'OTHER']
export type BookingStatus =
  'PENDING_APPROVAL' | 'APPROVED' | 'REJECTED' | 'PENDING_CONFIRMATION' | 'CANCELLED' | 'VISITED' | 'EXPIRED'

export interface Companion {
  name: string
  plate?: string | null
}

export interface Booking {
  id: number
  kind: 'VISITOR_REQUEST' | 'HOST_INVITATION'
  status: BookingStatus
  date: string
  slot: VisitSlot
  slotStart: string
  slotEnd: string
  reason: string
  transport?: Transport | null
  plate?: string | null
  companionCount: number
  companions: Companion[]
  visitorName?: string | null
  visitorPhoneMasked?: string | null
  visitorIdNumberMasked?: string | null
  hostId: number
  hostName: string
  hostDepartmentName?: string | null
  hostPhoneMasked?: string | null
  rejectReason?: string | null
  visitedAt?: string | null
  createdAt: string
}

export interface Warning {
  code: string
  message: string
  bookingId: number
}

export interface Created {
  booking: Booking
  warnings: Warning[]
}

export interface VisitorProfile {
  id: number
  avatarUrl?: string | null
  name?: string | null
  phoneMasked?: string | null
  idNumberMasked?: string | null
  complete: boolean
}

export interface Host {
  id: number
  name: string
  departmentName?: string | null
  phoneMasked?: string | null
}

export interface Travel {
  transport?: Transport | null
  plate?: string | null
  companionCount?: number | null
  companions?: Companion[]
}

export interface Details {
  name?: string
  phone?: string
  idNumber?: string
}

export interface VisitorPass {
  open: boolean
  opensAt?: string | null
  pass?: {
    code: string
    qrPayload: string
    expiresAt: string
    rotationSeconds: number
    serverTime: string
    gate: { id: number; name: string; campusName: string }
  } | null
  booking?: Booking | null
}

const PREFIX = 'campuspass.visitor.session.'

export function loadVisitorToken(school: string): string | null {
  try {
    return localStorage.getItem(PREFIX + school)
  } catch {
    return null
  }
}

export function saveVisitorToken(school: string, token: string): void {
  try {
    localStorage.setItem(PREFIX + school, token)
  } catch {
    // private mode: the next page load signs in through WeChat again
  }
}

export function clearVisitorToken(school: string): void {
  try {
    localStorage.removeItem(PREFIX + school)
  } catch {
    // ignore
  }
}

/** Whether a returnTo path belongs to the visitor side (it then takes a visitor session after WeChat). */
export function isVisitorPath(school: string, path: string | undefined | null): boolean {
  return typeof path === 'string' && path.startsWith(`/portal/${school}/visitor`)
}

export async function visitorRequest<T>(
  school: string,
  path: string,
  options: { method?: 'GET' | 'POST' | 'PUT'; body?: unknown; form?: FormData } = {},
): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': currentLocale() === 'en' ? 'en' : 'zh-CN',
  }
  const token = loadVisitorToken(school)
  if (token) headers['X-Visitor-Session'] = token
  let body: string | FormData | undefined
  if (options.form !== undefined) {
    body = options.form
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(options.body)
  }
  const response = await fetch(apiBase(school) + '/visitor' + path, {
    method: options.method ?? 'GET',
    headers,
    body,
  })
  if (!response.ok) {
    const error = await toApiError(response)
    if (response.status === 401) clearVisitorToken(school)
    throw error
  }
  return readJson<T>(response)
}

export const visitorApi = {
  createSession: (school: string, ticket: string) =>
    portalRequest<{ token: string; profile: VisitorProfile }>(school, '/auth/visitor-session', {
      method: 'POST',
      body: { ticket },
      session: false,
    }),
  profile: (school: string) => visitorRequest<VisitorProfile>(school, '/profile'),
  saveProfile: (school: string, details: Details) =>
    visitorRequest<VisitorProfile>(school, '/profile', { method: 'PUT', body: details }),
  changeAvatar: (school: string, file: File) => {
    const form = new FormData()
    form.append('file', file, file.name)
    return visitorRequest<VisitorProfile>(school, '/profile/avatar', { method: 'POST', form })
  },
  hosts: (school: string, q: string) => visitorRequest<Host[]>(school, `/hosts?q=${encodeURIComponent(q)}`),
  book: (
    school: string,
    body: {
      hostId: number
      date: string
      slot: VisitSlot
      reason: string
      travel: Travel
      pledgeAccepted: boolean
      details?: Details
    },
  ) => visitorRequest<Created>(school, '/bookings', { method: 'POST', body }),
  bookings: (school: string) => visitorRequest<Booking[]>(school, '/bookings'),
  booking: (school: string, id: number | string) => visitorRequest<Booking>(school, `/bookings/${id}`),
  cancel: (school: string, id: number) => visitorRequest<Booking>(school, `/bookings/${id}/cancel`, { method: 'POST' }),
  invitations: (school: string) => visitorRequest<Booking[]>(school, '/invitations'),
  confirm: (
    school: string,
    id: number | string,
    body: { travel?: Travel; pledgeAccepted: boolean; details?: Details },
  ) => visitorRequest<Created>(school, `/invitations/${id}/confirm`, { method: 'POST', body }),
  pass: (school: string, gateId: string | number, signature: string) =>
    visitorRequest<VisitorPass>(school, '/passes', { method: 'POST', body: { gateId: Number(gateId), signature } }),
}

export const hostApi = {
  status: (school: string) => portalRequest<{ authorized: boolean }>(school, '/visitors/host'),
  received: (school: string) => portalRequest<Booking[]>(school, '/visitors/received'),
  invited: (school: string) => portalRequest<Booking[]>(school, '/visitors/invited'),
  approve: (school: string, id: number) =>
    portalRequest<Booking>(school, `/visitors/bookings/${id}/approve`, { method: 'POST' }),
  reject: (school: string, id: number, reason: string) =>
    portalRequest<Booking>(school, `/visitors/bookings/${id}/reject`, { method: 'POST', body: { reason } }),
  invite: (
    school: string,
    body: {
      date: string
      slot: VisitSlot
      reason: string
      visitorPhone: string
      visitorName: string
      transport?: Transport | null
      companionCount?: number | null
    },
  ) => portalRequest<Created>(school, '/visitors/invitations', { method: 'POST', body }),
  cancelInvitation: (school: string, id: number) =>
    portalRequest<Booking>(school, `/visitors/invitations/${id}/cancel`, { method: 'POST' }),
}
