// The staff portal's tickets (S2): the console's ticket API (`/admin/api/tickets`) seen from the phone.
import { staffGet, staffPostForm } from './api'

export type TicketStatus = 'EFFECTIVE' | 'REVOKED'
export type TicketTarget = 'REGISTRANT' | 'VISITOR'
export type PhotoPosition = 'FRONT' | 'SIDE' | 'BACK'
export const PHOTO_POSITIONS: readonly PhotoPosition[] = ['FRONT', 'SIDE', 'BACK']

export interface StaffTicket {
  id: number
  ticketNo: string
  target: TicketTarget
  registrantId: number | null
  visitorId: number | null
  plate: string | null
  targetName: string
  targetNumber: string | null
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

export interface TicketPage {
  items: StaffTicket[]
  total: number
}

export interface TicketDetails {
  ticket: StaffTicket
  photoUrls: Partial<Record<PhotoPosition, string>>
}

export interface TicketItem {
  id: number
  name: string
  points: number
  enabled: boolean
}

export interface TicketSearch {
  q?: string
  itemId?: number
  target?: TicketTarget
  status?: TicketStatus
  from?: string
  to?: string
  mine?: boolean
}

export interface Workbench {
  students: number
  teachers: number
  thirdParty: number
  motorVehicles: number
  ebikes: number
  ticketsToday: number
}

export interface TargetCandidate {
  kind: 'REGISTRANT' | 'VISITOR'
  registrantId: number | null
  visitorId: number | null
  name: string
  number: string | null
  identity: string
  departmentName: string | null
  phoneMasked: string | null
  plate: string | null
  vehicleType: string | null
  /** A visitor's host on today's booking. */
  hostName: string | null
}

/** One key for a candidate of either kind. */
export function candidateKey(c: TargetCandidate): string {
  return c.kind === 'VISITOR' ? `v${c.visitorId}` : `r${c.registrantId}`
}

export interface IssueDraft {
  plate?: string
  registrantId?: number
  visitorId?: number
  itemId: number
  location?: string
  remark?: string
}

export const staffTicketsApi = {
  workbench: () => staffGet<Workbench>('/workbench'),
  search: (filter: TicketSearch, page = 0, size = 20) =>
    staffGet<TicketPage>('/tickets', {
      q: filter.q || undefined,
      itemId: filter.itemId,
      target: filter.target,
      status: filter.status,
      from: filter.from,
      to: filter.to,
      mine: filter.mine ? 'true' : undefined,
      page,
      size,
    }),
  get: (id: number) => staffGet<TicketDetails>(`/tickets/${id}`),
  /** Enabled items only: a ticket can only be issued for one of them. */
  async items(): Promise<TicketItem[]> {
    const body = await staffGet<TicketItem[] | { items: TicketItem[] }>('/ticket-items', { enabled: 'true' })
    const list = Array.isArray(body) ? body : (body?.items ?? [])
    return list.filter((i) => i.enabled)
  },
  /** Every item, disabled ones too: the list's filter also finds old tickets. */
  async itemsAll(): Promise<TicketItem[]> {
    const body = await staffGet<TicketItem[] | { items: TicketItem[] }>('/ticket-items')
    return Array.isArray(body) ? body : (body?.items ?? [])
  },
  targets: (q: string) => staffGet<TargetCandidate[]>('/tickets/targets', { q }),
  issue(draft: IssueDraft, photos: Record<PhotoPosition, Blob>): Promise<StaffTicket> {
    const form = new FormData()
    form.append('ticket', new Blob([JSON.stringify(draft)], { type: 'application/json' }))
    for (const position of PHOTO_POSITIONS) {
      form.append(position.toLowerCase(), photos[position], `${position.toLowerCase()}.jpg`)
    }
    return staffPostForm<StaffTicket>('/tickets', form)
  },
}
