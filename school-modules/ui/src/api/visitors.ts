// Visitor bookings seen from the console (A6.2), department statistics (A6.3), the leaderboard (A6.4) and the home
// page's visitor part (A2).
import { request } from './http'
import type { Page } from './registrants'

export type BookingKind = 'VISITOR_REQUEST' | 'HOST_INVITATION'
export type BookingStatus =
  'PENDING_APPROVAL' | 'APPROVED' | 'REJECTED' | 'PENDING_CONFIRMATION' | 'CANCELLED' | 'VISITED' | 'EXPIRED'
export type VisitSlot = 'MORNING' | 'AFTERNOON' | 'EVENING'
export type Transport = 'WALK' | 'CAR' | 'EBIKE' | 'PUBLIC_TRANSPORT' | 'TAXI' | 'OTHER'
export type VisitMethod = 'GUARD' | 'DEVICE'
export type StatsPreset = 'ALL' | 'TODAY' | 'LAST_7_DAYS' | 'LAST_30_DAYS' | 'THIS_MONTH' | 'CUSTOM'

export const BOOKING_KINDS: BookingKind[] = ['VISITOR_REQUEST', 'HOST_INVITATION']
export const BOOKING_STATUSES: BookingStatus[] = [
  'PENDING_APPROVAL',
  'APPROVED',
  'REJECTED',
  'PENDING_CONFIRMATION',
  'CANCELLED',
  'VISITED',
  'EXPIRED',
]
export const VISIT_SLOTS: VisitSlot[] = ['MORNING', 'AFTERNOON', 'EVENING']
export const VISIT_METHODS: VisitMethod[] = ['GUARD', 'DEVICE']
export const STATS_PRESETS: StatsPreset[] = ['ALL', 'TODAY', 'LAST_7_DAYS', 'LAST_30_DAYS', 'THIS_MONTH', 'CUSTOM']

export interface VisitorBooking {
  id: number
  kind: BookingKind
  status: BookingStatus
  date: string
  slot: VisitSlot
  visitorId: number | null
  visitorName: string | null
  visitorPhoneMasked: string | null
  companionCount: number
  hostId: number
  hostName: string
  departmentId: number | null
  departmentName: string | null
  reason: string
  transport: Transport | null
  plate: string | null
  visitedAt: string | null
  gateId: number | null
  gateName: string | null
  method: VisitMethod | null
  createdAt: string
}

export interface VisitorBookingDetails {
  booking: VisitorBooking
  companions: { name: string; plate: string | null }[]
  visitorIdNumberMasked: string | null
  rejectReason: string | null
  decidedBy: string | null
  decidedAt: string | null
  pledgeAcceptedAt: string | null
  campusName: string | null
}

export interface VisitorBookingFilter {
  q: string
  from: string
  to: string
  status: BookingStatus | ''
  kind: BookingKind | ''
  slot: VisitSlot | ''
  visit: 'VISITED' | 'NOT_VISITED' | ''
  departmentId: number | null
  gateId: number | null
  method: VisitMethod | ''
  visitorId: number | null
}

export interface StatsQuery {
  preset: StatsPreset
  from?: string
  to?: string
}

export interface StatsPeriod {
  preset: StatsPreset
  from: string | null
  to: string | null
}

export interface DepartmentStats {
  departmentId: number | null
  departmentName: string | null
  actualBookings: number
  expectedBookings: number
  actualPeople: number
  expectedPeople: number
}

export interface LeaderRow {
  rank: number
  visitorId: number
  visitorName: string | null
  idNumberMasked: string | null
  phoneMasked: string | null
  visits: number
  bookings: number
}

export interface RecentVisit {
  bookingId: number
  visitorName: string | null
  visitorPhoneMasked: string | null
  companionCount: number
  hostName: string
  departmentName: string | null
  gateName: string | null
  visitedAt: string
}

export interface TrendDay {
  date: string
  bookings: number
  visits: number
}

export const visitorBookingsApi = {
  list: (filter: VisitorBookingFilter, page: number, size: number) =>
    request<Page<VisitorBooking>>('/visitor-bookings', { query: { ...filter, page, size } }),
  get: (id: number) => request<VisitorBookingDetails>(`/visitor-bookings/${id}`),
}

function statsQuery(q: StatsQuery): Record<string, string> {
  return q.preset === 'CUSTOM' ? { preset: q.preset, from: q.from ?? '', to: q.to ?? '' } : { preset: q.preset }
}

export const visitorStatsApi = {
  departments: (q: StatsQuery) =>
    request<{ period: StatsPeriod; items: DepartmentStats[] }>('/visitor-stats/departments', {
      query: statsQuery(q),
    }),
  leaderboard: (q: StatsQuery, limit = 50) =>
    request<{ period: StatsPeriod; items: LeaderRow[] }>('/visitor-stats/leaderboard', {
      query: { ...statsQuery(q), limit },
    }),
  home: () => request<{ recent: RecentVisit[]; trend: TrendDay[] }>('/home/visitors'),
}
