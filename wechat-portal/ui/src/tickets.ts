// 我的罚单 (R4.7) and 我的申诉单 (R4.8): see PortalTicketController.
import { portalRequest } from '@/api/portal'

export type TicketStatus = 'EFFECTIVE' | 'REVOKED'
export type AppealStatus = 'PENDING' | 'APPROVED' | 'REJECTED'

export interface Ticket {
  id: number
  ticketNo: string
  vehicleId: number | null
  plate: string | null
  itemName: string
  points: number
  status: TicketStatus
  issuedAt: string
  location: string | null
  revokeReason: string | null
}

export interface MyTicket {
  ticket: Ticket
  /** Effective and not appealed yet. */
  appealable: boolean
}

export interface Appeal {
  id: number
  ticketId: number
  ticketNo: string
  plate: string | null
  itemName: string
  points: number
  reason: string
  status: AppealStatus
  rejectReason: string | null
  reviewedAt: string | null
  createdAt: string
}

export interface TicketDetails {
  ticket: Ticket
  photoUrls: Partial<Record<'FRONT' | 'SIDE' | 'BACK', string>>
}

function query(params: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') q.set(k, String(v))
  return q.toString()
}

export const ticketsApi = {
  mine: (school: string, vehicleId: number | null, status: TicketStatus | '') =>
    portalRequest<{ items: MyTicket[]; total: number }>(
      school,
      `/tickets?${query({ vehicleId, status, page: 0, size: 50 })}`,
    ),
  one: (school: string, id: number | string) => portalRequest<TicketDetails>(school, `/tickets/${id}`),
  appeal: (school: string, id: number, reason: string, images: File[]) => {
    const form = new FormData()
    form.append('appeal', new Blob([JSON.stringify({ reason })], { type: 'application/json' }))
    for (const image of images) form.append('images', image, image.name)
    return portalRequest<Appeal>(school, `/tickets/${id}/appeal`, { method: 'POST', form })
  },
  appeals: (school: string, status: AppealStatus | '') =>
    portalRequest<{ items: Appeal[]; total: number }>(school, `/appeals?${query({ status, page: 0, size: 50 })}`),
}
