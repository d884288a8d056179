import { describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { importPercent } from '@/api/registrants'
import { useImportProgress } from '@/composables/useImportProgress'
import { mockApi } from './helpers'

const job = (status: string, processedRows: number, totalRows = 100) => ({
  id: 'j1',
  status,
  fileName: 'a.xlsx',
  totalRows,
  processedRows,
  importedRows: processedRows,
  rejectedRows: 0,
  problems: [],
  problemRowsDownloadable: false,
  error: null,
  createdAt: '2026-01-01T00:00:00Z',
  finishedAt: null,
})

function host(onFinished: () => void) {
  let api!: ReturnType<typeof useImportProgress>
  const wrapper = mount(
    defineComponent({
      setup() {
        api = useImportProgress(onFinished, 1000)
        return () => h('div')
      },
    }),
  )
  return { wrapper, api: () => api }
}

describe('import progress', () => {
  it('polls while the job runs and stops when it is done', async () => {
    vi.useFakeTimers()
    const server = mockApi({
      'GET /registrants/import/j1': [
        { body: job('RUNNING', 0) },
        { body: job('RUNNING', 40) },
        { body: job('DONE', 100) },
      ],
    })
    const finished = vi.fn()
    const { api } = host(finished)
    await api().follow('j1')
    expect(api().job.value?.processedRows).toBe(0)
    await vi.advanceTimersByTimeAsync(1000)
    expect(api().job.value?.processedRows).toBe(40)
    expect(importPercent(api().job.value!)).toBe(40)
    await vi.advanceTimersByTimeAsync(1000)
    expect(api().job.value?.status).toBe('DONE')
    expect(finished).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(5000)
    expect(server.count('GET /registrants/import/j1')).toBe(3)
  })

  it('keeps polling through a failed request', async () => {
    vi.useFakeTimers()
    mockApi({ 'GET /registrants/import/j1': [{ status: 503, body: {} }, { body: job('DONE', 100) }] })
    const { api } = host(() => undefined)
    await api().follow('j1')
    expect(api().job.value).toBeNull()
    await vi.advanceTimersByTimeAsync(1000)
    expect(api().job.value?.status).toBe('DONE')
  })

  it('stops polling when the page goes away', async () => {
    vi.useFakeTimers()
    const server = mockApi({ 'GET /registrants/import/j1': { body: job('RUNNING', 1) } })
    const { wrapper, api } = host(() => undefined)
    await api().follow('j1')
    wrapper.unmount()
    await vi.advanceTimersByTimeAsync(5000)
    expect(server.count('GET /registrants/import/j1')).toBe(1)
    await flushPromises()
  })

  it('reports percentages that never exceed 100 and 100 once finished', () => {
    expect(importPercent(job('RUNNING', 0, 0))).toBe(0)
    expect(importPercent(job('RUNNING', 150, 100))).toBe(100)
    expect(importPercent(job('FAILED', 3, 100))).toBe(100)
  })
})
