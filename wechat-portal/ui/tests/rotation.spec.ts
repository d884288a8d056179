import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '@/api/errors'
import type { Pass } from '@/api/portal'
import { clockOffset, PassRotator, refreshDelay, REFRESH_LEAD_MS, type RotationState } from '@/pass/rotation'

const T0 = Date.parse('2026-03-01T08:00:00Z')

function pass(code: string, serverTime: number, validMs = 30_000): Pass {
  return {
    code,
    qrPayload: `CP1:${code}`,
    expiresAt: new Date(serverTime + validMs).toISOString(),
    rotationSeconds: validMs / 1000,
    serverTime: new Date(serverTime).toISOString(),
    gate: { id: 5, name: '东门', campusName: '主校区' },
    person: { name: '张三', identity: 'STUDENT', number: '2023001', departmentName: '计算机学院' },
  }
}

describe('clock skew', () => {
  it('is the server time minus the midpoint of the round trip', () => {
    expect(clockOffset(new Date(T0 + 60_000).toISOString(), T0 - 100, T0 + 100)).toBe(60_000)
    expect(clockOffset('not a date', T0, T0)).toBe(0)
  })

  it('schedules the refresh by the server clock, a little before expiry, never too soon', () => {
    const p = pass('1', T0 + 60_000)
    // The phone is 60 s behind the server: 30 s are left, not 90.
    expect(refreshDelay(p, 60_000, T0)).toBe(30_000 - REFRESH_LEAD_MS)
    // Already expired on arrival: ask again after the minimum wait, not in a tight loop.
    expect(refreshDelay(p, 60_000, T0 + 120_000)).toBe(1_000)
  })
})

describe('PassRotator', () => {
  let states: RotationState[]
  beforeEach(() => {
    vi.useFakeTimers()
    vi.setSystemTime(T0)
    states = []
  })
  afterEach(() => vi.useRealTimers())

  const record = (s: RotationState) => states.push({ ...s })

  it('fetches a new pass when the rotation window ends, and only then', async () => {
    let n = 0
    const fetchPass = vi.fn(async () => pass(String(++n), Date.now()))
    const rotator = new PassRotator(fetchPass, record)
    await rotator.start()
    expect(rotator.state.pass?.code).toBe('1')
    expect(fetchPass).toHaveBeenCalledTimes(1)

    await vi.advanceTimersByTimeAsync(30_000 - REFRESH_LEAD_MS - 1)
    expect(fetchPass).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(fetchPass).toHaveBeenCalledTimes(2)
    expect(rotator.state.pass?.code).toBe('2')

    await vi.advanceTimersByTimeAsync(29_000)
    expect(rotator.state.pass?.code).toBe('3')
    rotator.stop()
    await vi.advanceTimersByTimeAsync(120_000)
    expect(fetchPass).toHaveBeenCalledTimes(3)
  })

  it('follows the server clock when the phone clock is wrong', async () => {
    // The phone is 10 minutes ahead; by its own clock every pass would look expired on arrival.
    const skew = -600_000
    let n = 0
    const fetchPass = vi.fn(async () => pass(String(++n), Date.now() + skew, 20_000))
    const rotator = new PassRotator(fetchPass, record)
    await rotator.start()
    expect(rotator.state.offsetMs).toBe(skew)
    expect(rotator.serverNow()).toBe(T0 + skew)
    await vi.advanceTimersByTimeAsync(18_000)
    expect(fetchPass).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(1_000)
    expect(fetchPass).toHaveBeenCalledTimes(2)
  })

  it('retries a failed refresh with backoff and keeps the last pass meanwhile', async () => {
    const fetchPass = vi
      .fn<() => Promise<Pass>>()
      .mockResolvedValueOnce(pass('1', T0))
      .mockRejectedValueOnce(new TypeError('Failed to fetch'))
      .mockRejectedValueOnce(new ApiError(503, 'HTTP_503', 'busy'))
      .mockImplementation(async () => pass('2', Date.now()))
    const rotator = new PassRotator(fetchPass, record)
    await rotator.start()
    await vi.advanceTimersByTimeAsync(29_000)
    expect(fetchPass).toHaveBeenCalledTimes(2)
    expect(rotator.state).toMatchObject({ status: 'ready', retrying: true })
    expect(rotator.state.pass?.code).toBe('1')
    await vi.advanceTimersByTimeAsync(2_000)
    expect(fetchPass).toHaveBeenCalledTimes(3)
    await vi.advanceTimersByTimeAsync(3_999)
    expect(fetchPass).toHaveBeenCalledTimes(3)
    await vi.advanceTimersByTimeAsync(1)
    expect(fetchPass).toHaveBeenCalledTimes(4)
    expect(rotator.state).toMatchObject({ status: 'ready', retrying: false })
    expect(rotator.state.pass?.code).toBe('2')
  })

  it('stops and drops the pass when access is refused during rotation', async () => {
    const fetchPass = vi
      .fn<() => Promise<Pass>>()
      .mockResolvedValueOnce(pass('1', T0))
      .mockRejectedValue(new ApiError(403, 'NO_ACCESS', '您没有该校门的通行权限'))
    const rotator = new PassRotator(fetchPass, record)
    await rotator.start()
    await vi.advanceTimersByTimeAsync(29_000)
    expect(rotator.state.status).toBe('failed')
    expect(rotator.state.pass).toBeNull()
    expect((rotator.state.error as ApiError).code).toBe('NO_ACCESS')
    await vi.advanceTimersByTimeAsync(300_000)
    expect(fetchPass).toHaveBeenCalledTimes(2)
  })

  it('shows a first-load network failure and starts over on retry', async () => {
    const fetchPass = vi
      .fn<() => Promise<Pass>>()
      .mockRejectedValueOnce(new TypeError('Failed to fetch'))
      .mockImplementation(async () => pass('9', Date.now()))
    const rotator = new PassRotator(fetchPass, record)
    await rotator.start()
    expect(rotator.state.status).toBe('failed')
    await vi.advanceTimersByTimeAsync(60_000)
    expect(fetchPass).toHaveBeenCalledTimes(1)
    await rotator.retry()
    expect(rotator.state).toMatchObject({ status: 'ready', error: null })
    expect(rotator.state.pass?.code).toBe('9')
  })

  it('replaces an expired pass at once when the page becomes visible again', async () => {
    let n = 0
    const fetchPass = vi.fn(async () => pass(String(++n), Date.now()))
    const rotator = new PassRotator(fetchPass, record)
    await rotator.start()
    rotator.resume() // still fresh: nothing to do
    expect(fetchPass).toHaveBeenCalledTimes(1)
    // A hidden page's timers were frozen while the clock moved on.
    vi.setSystemTime(T0 + 45_000)
    rotator.resume()
    await vi.advanceTimersByTimeAsync(0)
    expect(fetchPass).toHaveBeenCalledTimes(2)
    expect(rotator.state.pass?.code).toBe('2')
  })
})
