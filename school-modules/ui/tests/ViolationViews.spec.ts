import { describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory } from 'vue-router'
import { i18n } from '@/i18n'
import { createConsoleRouter } from '@/router'
import { setMe } from '@/staff'
import TicketItemsView from '@/views/TicketItemsView.vue'
import TicketsView from '@/views/TicketsView.vue'
import TicketAppealsView from '@/views/TicketAppealsView.vue'
import { menuFor } from '@/permissions'
import HomeView from '@/views/HomeView.vue'
import { mockApi } from './helpers'

// The chart draws on a canvas jsdom lacks: a stand-in that shows how many days it was given.
vi.mock('@/components/TrendChart.vue', () => ({
  __esModule: true,
  default: defineComponent({
    props: { labels: { type: Array, required: true }, testId: { type: String, default: 'trend-chart' } },
    setup: (props) => () => h('div', { 'data-test': props.testId }, String(props.labels.length)),
  }),
}))

const item = (id: number, name: string, points: number, ticketCount: number) => ({
  id,
  name,
  points,
  description: `${name}说明`,
  enabled: true,
  ticketCount,
  updatedBy: 'admin',
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
})

const ticket = (id: number, status: 'EFFECTIVE' | 'REVOKED') => ({
  id,
  ticketNo: `WZ20261201${String(id).padStart(6, '0')}`,
  target: 'REGISTRANT',
  registrantId: 7,
  visitorId: null,
  vehicleId: 3,
  vehicleType: 'MOTOR',
  plate: '浙A12345',
  targetName: '钱同学',
  targetNumber: '2026300001',
  targetIdentity: 'STUDENT',
  targetPhoneMasked: '139****0001',
  itemId: 1,
  itemName: '违规停车',
  points: 2,
  status,
  issuedBy: 'guard',
  issuedAt: '2026-12-01T02:00:00Z',
  location: '东门',
  remark: null,
  revokeReason: status === 'REVOKED' ? '误开' : null,
  revokedBy: status === 'REVOKED' ? 'admin' : null,
  revokedAt: status === 'REVOKED' ? '2026-12-01T03:00:00Z' : null,
})

async function mountAt(path: string, component: unknown, permissions: string[]) {
  i18n.global.locale.value = 'zh-CN'
  setMe({ username: 'admin', name: '王', phone: null, roles: [], permissions, school: null })
  const router = createConsoleRouter(createMemoryHistory('/admin/'))
  await router.push(path)
  const wrapper = mount(component as never, { global: { plugins: [router, i18n] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

const q = <T extends HTMLElement = HTMLElement>(selector: string) => document.querySelector<T>(selector)

describe('violation menu', () => {
  it('shows the ticket pages only to holders of their permissions', () => {
    expect(menuFor(['violation:ticket:list']).map((m) => m.name)).toEqual(['tickets', 'profile'])
    expect(menuFor(['violation:item:view']).map((m) => m.name)).toContain('ticket-items')
    expect(menuFor(['access:record:view']).map((m) => m.name)).not.toContain('tickets')
  })
})

describe('ticket items page (A5.1)', () => {
  it('lists items with points; an item in use cannot be deleted', async () => {
    mockApi({ 'GET /ticket-items': { body: [item(1, '违规停车', 2, 5), item(2, '鸣笛', 1, 0)] } })
    await mountAt('/tickets/items', TicketItemsView, ['violation:item:view', 'violation:item:manage'])
    const used = q("[data-test='ticket-item-row-1']")!.closest('tr')!
    expect(used.textContent).toContain('违规停车说明')
    expect(used.querySelector<HTMLButtonElement>("[data-test='row-delete']")!.disabled).toBe(true)
    const free = q("[data-test='ticket-item-row-2']")!.closest('tr')!
    expect(free.querySelector<HTMLButtonElement>("[data-test='row-delete']")!.disabled).toBe(false)
  })

  it('creates an item with trimmed name and its points', async () => {
    const api = mockApi({
      'GET /ticket-items': { body: [] },
      'POST /ticket-items': { status: 201, body: item(3, '超速', 6, 0) },
    })
    await mountAt('/tickets/items', TicketItemsView, ['violation:item:view', 'violation:item:manage'])
    q("[data-test='ticket-item-create']")!.click()
    await flushPromises()
    const input = q<HTMLInputElement>("input[data-test='ticket-item-name']")!
    input.value = ' 超速 '
    input.dispatchEvent(new Event('input'))
    await flushPromises()
    q("[data-test='ticket-item-dialog-save']")!.click()
    await flushPromises()
    await vi.waitFor(() =>
      expect(api.calls.find((c) => c.method === 'POST')?.body).toEqual({ name: '超速', points: 1 }),
    )
  })

  it('offers no changes to a user who may only view', async () => {
    mockApi({ 'GET /ticket-items': { body: [item(1, '违规停车', 2, 0)] } })
    await mountAt('/tickets/items', TicketItemsView, ['violation:item:view'])
    expect(q("[data-test='ticket-item-row-1']")).not.toBeNull()
    expect(q("[data-test='ticket-item-create']")).toBeNull()
    expect(q("[data-test='row-edit']")).toBeNull()
  })
})

describe('tickets page (A5.2)', () => {
  it('lists tickets with the tender columns and filters by status', async () => {
    const api = mockApi({
      'GET /ticket-items': { body: [item(1, '违规停车', 2, 2)] },
      'GET /tickets': { body: { items: [ticket(1, 'EFFECTIVE'), ticket(2, 'REVOKED')], total: 2 } },
    })
    await mountAt('/tickets', TicketsView, [
      'violation:ticket:list',
      'violation:ticket:view',
      'violation:ticket:revoke',
    ])
    const row = q("[data-test='ticket-row-1']")!.closest('tr')!
    for (const text of ['WZ20261201000001', '钱同学', '备案人 · 2026300001', '浙A12345', '违规停车', '生效', 'guard']) {
      expect(row.textContent).toContain(text)
    }
    // Only an effective ticket can be revoked.
    expect(q("[data-test='ticket-revoke-1']")).not.toBeNull()
    expect(q("[data-test='ticket-revoke-2']")).toBeNull()
    q("[data-test='tickets-query']")!.click()
    await flushPromises()
    const last = api.calls.filter((c) => c.path === '/tickets').at(-1)!
    expect(last.search.get('page')).toBe('0')
  })

  it('exports the listed conditions and offers the file when done', async () => {
    const api = mockApi({
      'GET /ticket-items': { body: [] },
      'GET /tickets': { body: { items: [ticket(1, 'EFFECTIVE')], total: 1 } },
      'POST /tickets/export': { status: 202, body: { id: 'job-1' } },
      'GET /tickets/export/job-1': {
        body: {
          id: 'job-1',
          status: 'DONE',
          totalRows: 1,
          processedRows: 1,
          fileName: '罚单.xlsx',
          downloadable: true,
          error: null,
          createdAt: '2026-12-01T00:00:00Z',
          finishedAt: '2026-12-01T00:00:01Z',
        },
      },
    })
    await mountAt('/tickets', TicketsView, ['violation:ticket:list', 'violation:ticket:export'])
    q("[data-test='tickets-export']")!.click()
    await flushPromises()
    expect(api.calls.find((c) => c.method === 'POST')?.path).toBe('/tickets/export')
    await vi.waitFor(() => expect(q("[data-test='tickets-export-download']")?.textContent).toContain('1'))
  })

  it('revokes with a reason, refusing an empty one', async () => {
    const api = mockApi({
      'GET /ticket-items': { body: [] },
      'GET /tickets': { body: { items: [ticket(1, 'EFFECTIVE')], total: 1 } },
      'POST /tickets/1/revoke': { body: ticket(1, 'REVOKED') },
    })
    await mountAt('/tickets', TicketsView, ['violation:ticket:list', 'violation:ticket:revoke'])
    q("[data-test='ticket-revoke-1']")!.click()
    await flushPromises()
    q("[data-test='ticket-revoke-confirm']")!.click()
    await flushPromises()
    expect(api.calls.some((c) => c.method === 'POST')).toBe(false)
    await vi.waitFor(() => expect(document.body.textContent).toContain('请填写撤销原因'))
    const reason = q<HTMLTextAreaElement>("textarea[data-test='ticket-revoke-reason']")!
    reason.value = '照片无法辨认'
    reason.dispatchEvent(new Event('input'))
    await flushPromises()
    q("[data-test='ticket-revoke-confirm']")!.click()
    await flushPromises()
    expect(api.calls.find((c) => c.method === 'POST')?.body).toEqual({ reason: '照片无法辨认' })
  })

  it('shows details with the three photos', async () => {
    mockApi({
      'GET /ticket-items': { body: [] },
      'GET /tickets': { body: { items: [ticket(1, 'EFFECTIVE')], total: 1 } },
      'GET /tickets/1': {
        body: {
          ticket: ticket(1, 'EFFECTIVE'),
          photoUrls: { FRONT: 'http://s3/f.jpg', SIDE: 'http://s3/s.jpg', BACK: 'http://s3/b.jpg' },
        },
      },
    })
    await mountAt('/tickets', TicketsView, ['violation:ticket:list', 'violation:ticket:view'])
    q("[data-test='ticket-view-1']")!.click()
    await flushPromises()
    await vi.waitFor(() => expect(q("[data-test='ticket-photo-BACK']")).not.toBeNull())
    expect(document.body.textContent).toContain('139****0001')
    expect(document.body.textContent).toContain('车辆侧面')
  })
})

const appeal = (id: number, status: 'PENDING' | 'APPROVED' | 'REJECTED') => ({
  id,
  ticketId: id,
  ticketNo: `WZ20261201${String(id).padStart(6, '0')}`,
  plate: '浙A12345',
  itemName: '违规停车',
  points: 2,
  registrantId: 7,
  appellant: '钱同学',
  appellantNumber: '2026300001',
  reason: '装卸货物临时停车',
  status,
  reviewedBy: status === 'PENDING' ? null : 'admin',
  reviewedAt: status === 'PENDING' ? null : '2026-12-01T05:00:00Z',
  rejectReason: status === 'REJECTED' ? '照片清晰' : null,
  createdAt: '2026-12-01T04:00:00Z',
})

describe('appeals page (A5.3)', () => {
  it('lists appeals with the tender columns; only pending ones can be decided, by reviewers', async () => {
    mockApi({ 'GET /ticket-appeals': { body: { items: [appeal(1, 'PENDING'), appeal(2, 'REJECTED')], total: 2 } } })
    await mountAt('/tickets/appeals', TicketAppealsView, ['violation:appeal:list', 'violation:appeal:review'])
    const row = q("[data-test='appeal-row-1']")!.closest('tr')!
    for (const text of ['WZ20261201000001', '浙A12345', '违规停车', '钱同学（2026300001）', '待审核']) {
      expect(row.textContent).toContain(text)
    }
    expect(q("[data-test='appeal-approve-1']")).not.toBeNull()
    expect(q("[data-test='appeal-approve-2']")).toBeNull()
  })

  it('offers no decisions to a reader', async () => {
    mockApi({ 'GET /ticket-appeals': { body: { items: [appeal(1, 'PENDING')], total: 1 } } })
    await mountAt('/tickets/appeals', TicketAppealsView, ['violation:appeal:list'])
    expect(q("[data-test='appeal-row-1']")).not.toBeNull()
    expect(q("[data-test='appeal-approve-1']")).toBeNull()
    expect(q("[data-test='appeal-reject-1']")).toBeNull()
  })

  it('rejects with a reason', async () => {
    const api = mockApi({
      'GET /ticket-appeals': { body: { items: [appeal(1, 'PENDING')], total: 1 } },
      'POST /ticket-appeals/1/reject': { body: appeal(1, 'REJECTED') },
    })
    await mountAt('/tickets/appeals', TicketAppealsView, ['violation:appeal:list', 'violation:appeal:review'])
    q("[data-test='appeal-reject-1']")!.click()
    await flushPromises()
    const reason = q<HTMLTextAreaElement>("textarea[data-test='appeal-reject-reason']")!
    reason.value = '照片清晰可见号牌'
    reason.dispatchEvent(new Event('input'))
    await flushPromises()
    q("[data-test='appeal-reject-confirm']")!.click()
    await flushPromises()
    expect(api.calls.find((c) => c.method === 'POST')?.body).toEqual({ reason: '照片清晰可见号牌' })
  })
})

describe('home page violations (A2)', () => {
  it('shows the appeals waiting as a quick entry, recent tickets and the 30-day ticket trend', async () => {
    const trend = Array.from({ length: 30 }, (_, i) => ({
      date: `2026-11-${String(i + 1).padStart(2, '0')}`,
      tickets: i % 4,
    }))
    mockApi({
      'GET /home': {
        body: {
          registrants: { total: 10, registered: 5 },
          campuses: 1,
          gates: { enabled: 1, total: 1 },
          access: { passedToday: 0, deniedToday: 0 },
          vehicles: null,
        },
      },
      'GET /home/visitors': { body: { recent: [], trend: [] } },
      'GET /home/violations': { body: { trend, recent: [ticket(1, 'EFFECTIVE')], pendingAppeals: 3 } },
    })
    await mountAt('/home', HomeView, ['home:dashboard:view', 'violation:ticket:list', 'violation:appeal:list'])
    await vi.waitFor(() => expect(q("[data-test='pending-ticket-appeals']")?.textContent).toContain('3'))
    expect(q("[data-test='pending-ticket-appeals']")!.textContent).toContain('申诉待审核')
    expect(q("[data-test='home-recent-tickets']")!.textContent).toContain('违规停车')
    expect(q("[data-test='ticket-trend-chart']")!.textContent).toBe('30')
  })
})
