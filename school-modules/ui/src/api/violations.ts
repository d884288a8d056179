// Violations: ticket items (A5.1, 罚单项目) and tickets (A5.2, 罚单). See TicketItemController, TicketController.
import { download, request, type Query } from './http'
import type { ExportJob, RegistrationStatus, VehicleType } from './vehicles'
import type { Identity } from './registrants'
import type { Page } from '@/composables/usePagedList'

export interface TicketItem {
  id: number
  name: string
  points: number
  description: string | null
  enabled: boolean
  /** Tickets issued for it; an item in use cannot be deleted. */
  ticketCount: number
  updatedBy: string | null
  createdAt: string
  updatedAt: string
}

export interface TicketItemDraft {
  name: string
  points: number
  description?: string
  enabled?: boolean
}

export interface TicketItemFilter {
  name?: string
  enabled?: boolean | null
}

export type TicketStatus = 'EFFECTIVE' | 'REVOKED'
export type TicketTarget = 'REGISTRANT' | 'VISITOR'
export type PhotoPosition = 'FRONT' | 'SIDE' | 'BACK'
export const PHOTO_POSITIONS: readonly PhotoPosition[] = ['FRONT', 'SIDE', 'BACK']

export interface Ticket {
  id: number
  ticketNo: string
  target: TicketTarget
  registrantId: number | null
  visitorId: number | null
  vehicleId: number | null
  vehicleType: string | null
  plate: string | null
  targetName: string
  targetNumber: string | null
  targetIdentity: string | null
  /** Always masked. */
  targetPhoneMasked: string | null
  itemId: number
  itemName: string
  points: number
  status: TicketStatus
  issuedBy: string
  issuedAt: string
  location: string | null
  remark: string | null
  revokeReason: string | null
  revokedBy: string | null
  revokedAt: string | null
}

export interface TicketDetails {
  ticket: Ticket
  /** Presigned, short-lived. */
  photoUrls: Partial<Record<PhotoPosition, string>>
}

export interface TicketFilter {
  q: string
  itemId: number | null
  status: TicketStatus | ''
  target: TicketTarget | ''
  from: string
  to: string
  /** A leaderboard's drill-down: one registrant's or one vehicle's tickets. */
  registrantId?: number | null
  vehicleId?: number | null
}

export const ticketItemsApi = {
  list: (filter: TicketItemFilter = {}) =>
    request<TicketItem[]>('/ticket-items', {
      query: { name: filter.name || undefined, enabled: filter.enabled ?? undefined },
    }),
  create: (draft: TicketItemDraft) => request<TicketItem>('/ticket-items', { method: 'POST', body: draft }),
  update: (id: number, draft: TicketItemDraft) =>
    request<TicketItem>(`/ticket-items/${id}`, { method: 'PUT', body: draft }),
  enable: (id: number) => request<TicketItem>(`/ticket-items/${id}/enable`, { method: 'POST' }),
  disable: (id: number) => request<TicketItem>(`/ticket-items/${id}/disable`, { method: 'POST' }),
  remove: (id: number) => request<void>(`/ticket-items/${id}`, { method: 'DELETE' }),
}

export const ticketsApi = {
  list: (filter: TicketFilter, page: number, size: number) =>
    request<Page<Ticket>>('/tickets', {
      query: {
        q: filter.q || undefined,
        itemId: filter.itemId ?? undefined,
        status: filter.status || undefined,
        target: filter.target || undefined,
        from: filter.from || undefined,
        to: filter.to || undefined,
        registrantId: filter.registrantId ?? undefined,
        vehicleId: filter.vehicleId ?? undefined,
        page,
        size,
      },
    }),
  get: (id: number) => request<TicketDetails>(`/tickets/${id}`),
  revoke: (id: number, reason: string) =>
    request<Ticket>(`/tickets/${id}/revoke`, { method: 'POST', body: { reason } }),
  startExport: (filter: TicketFilter) =>
    request<{ id: string }>('/tickets/export', {
      method: 'POST',
      body: {
        q: filter.q || undefined,
        itemId: filter.itemId ?? undefined,
        status: filter.status || undefined,
        target: filter.target || undefined,
        from: filter.from || undefined,
        to: filter.to || undefined,
      },
    }),
  exportJob: (id: string) => request<ExportJob>(`/tickets/export/${id}`, { quiet: true }),
  exportFile: (id: string) => download(`/tickets/export/${id}/file`),
}

export type AppealStatus = 'PENDING' | 'APPROVED' | 'REJECTED'

export interface Appeal {
  id: number
  ticketId: number
  ticketNo: string
  plate: string | null
  itemName: string
  points: number
  registrantId: number
  appellant: string
  appellantNumber: string | null
  reason: string
  status: AppealStatus
  reviewedBy: string | null
  reviewedAt: string | null
  rejectReason: string | null
  createdAt: string
}

export interface AppealDetails {
  appeal: Appeal
  /** Presigned, short-lived. */
  imageUrls: string[]
  ticket: TicketDetails
}

export interface AppealFilter {
  q: string
  status: AppealStatus | ''
  from: string
  to: string
}

export const appealsApi = {
  list: (filter: AppealFilter, page: number, size: number) =>
    request<Page<Appeal>>('/ticket-appeals', {
      query: {
        q: filter.q || undefined,
        status: filter.status || undefined,
        from: filter.from || undefined,
        to: filter.to || undefined,
        page,
        size,
      },
    }),
  get: (id: number) => request<AppealDetails>(`/ticket-appeals/${id}`),
  approve: (id: number) => request<Appeal>(`/ticket-appeals/${id}/approve`, { method: 'POST' }),
  reject: (id: number, reason: string) =>
    request<Appeal>(`/ticket-appeals/${id}/reject`, { method: 'POST', body: { reason } }),
}

/** Tickets issued on one school day (A2 罚单趋势). */
export interface TicketTrendDay {
  date: string
  tickets: number
}

export const violationHomeApi = {
  home: () =>
    request<{ trend: TicketTrendDay[]; recent: Ticket[]; pendingAppeals: number | null }>('/home/violations', {
      quiet: true,
    }),
}

// ---- 违章人员排行榜 (A6.5) and 违章车辆排行榜 (A6.6) ------------------------------------------------------------

/** The filters both boards share; empty values are left out. A term and dates narrow the period together. */
export interface BoardQuery {
  termId?: number | null
  academicYearId?: number | null
  from?: string
  to?: string
  identity?: Identity | ''
}

export interface VehicleBoardQuery extends BoardQuery {
  type?: VehicleType | ''
  status?: RegistrationStatus | ''
}

/** The days counted (yyyy-MM-dd, inclusive; null = open); `empty` when the filters share no day. */
export interface BoardPeriod {
  from: string | null
  to: string | null
  empty: boolean
}

export interface Board<T> {
  period: BoardPeriod
  /** How many rows the whole board has. */
  total: number
  items: T[]
}

export interface ViolatorRow {
  rank: number
  registrantId: number
  name: string
  number: string | null
  phoneMasked: string | null
  identity: Identity | null
  tickets: number
  lastIssuedAt: string
}

export interface VehicleRow {
  rank: number
  vehicleId: number
  type: VehicleType
  plate: string
  ownerName: string
  status: RegistrationStatus
  registrantId: number | null
  registrantName: string | null
  tickets: number
  lastIssuedAt: string
}

export const BOARD_LIMIT = 50

function boardQuery(q: VehicleBoardQuery, limit: number): Query {
  return {
    termId: q.termId ?? undefined,
    academicYearId: q.academicYearId ?? undefined,
    from: q.from || undefined,
    to: q.to || undefined,
    identity: q.identity || undefined,
    type: q.type || undefined,
    status: q.status || undefined,
    limit,
  }
}

export const violationStatsApi = {
  violators: (q: BoardQuery, limit = BOARD_LIMIT) =>
    request<Board<ViolatorRow>>('/violation-stats/violators', { query: boardQuery(q, limit) }),
  vehicles: (q: VehicleBoardQuery, limit = BOARD_LIMIT) =>
    request<Board<VehicleRow>>('/violation-stats/vehicles', { query: boardQuery(q, limit) }),
}
