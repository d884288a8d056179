import { describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import SchoolDetail from '@/views/SchoolDetail.vue'
import { messages, mockApi, mountView } from './helpers'

const STEPS = ['REGISTRY', 'SCHEMA', 'REALM', 'STORAGE', 'ACTIVATE']

function school(status: string, done: number, failed: { error: string } | null = null) {
  return {
    code: 'tsinghua',
    name: '清华大学',
    status,
    createdAt: '2026-11-20T08:00:00Z',
    onboarding: {
      currentStep: STEPS[Math.min(done, 4)],
      steps: STEPS.map((step, i) => ({
        step,
        state:
          i < done
            ? 'DONE'
            : i === done
              ? failed
                ? 'FAILED'
                : status === 'ONBOARDING'
                  ? 'RUNNING'
                  : 'PENDING'
              : 'PENDING',
        error: i === done && failed ? failed.error : null,
        finishedAt: i < done ? '2026-11-20T08:00:05Z' : null,
      })),
    },
    config: {
      openIdentities: ['STUDENT', 'TEACHER'],
      faceUpload: { STUDENT: true, THIRD_PARTY: false, RESIDENT: false },
    },
    wechat: { appId: 'wx1234567890abcdef', appSecretSet: true },
    sso: { type: 'NONE' },
    urls: { schoolConsole: 'http://127.0.0.1:8080/admin/tsinghua/', portal: 'http://127.0.0.1:8080/portal/tsinghua/' },
  }
}

const GET = 'GET /schools/tsinghua'

describe('school detail', () => {
  it('polls every 1.5 s while onboarding and stops once the school is active', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const api = mockApi({
      [GET]: [{ body: school('ONBOARDING', 1) }, { body: school('ONBOARDING', 3) }, { body: school('ACTIVE', 5) }],
    })
    const { wrapper } = await mountView(SchoolDetail, { at: '/schools/tsinghua', props: { code: 'tsinghua' } })

    const status = () => wrapper.find('[data-test="school-status"]')
    expect(api.count(GET)).toBe(1)
    expect(status().attributes('data-status')).toBe('ONBOARDING')
    expect(status().text()).toBe('开通中')
    expect(wrapper.find('[data-step="SCHEMA"]').attributes('data-state')).toBe('RUNNING')

    await vi.advanceTimersByTimeAsync(1400)
    expect(api.count(GET)).toBe(1)
    await vi.advanceTimersByTimeAsync(100)
    expect(api.count(GET)).toBe(2)
    expect(wrapper.find('[data-step="STORAGE"]').attributes('data-state')).toBe('RUNNING')

    await vi.advanceTimersByTimeAsync(1500)
    expect(api.count(GET)).toBe(3)
    expect(status().attributes('data-status')).toBe('ACTIVE')
    expect(status().text()).toBe('已启用')
    expect(wrapper.find('[data-test="suspend-school"]').exists()).toBe(true)

    await vi.advanceTimersByTimeAsync(15_000)
    expect(api.count(GET)).toBe(3)
  })

  it('stops polling when the page is left', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const api = mockApi({ [GET]: { body: school('ONBOARDING', 1) } })
    const { wrapper } = await mountView(SchoolDetail, { at: '/schools/tsinghua', props: { code: 'tsinghua' } })
    await vi.advanceTimersByTimeAsync(1500)
    expect(api.count(GET)).toBe(2)

    wrapper.unmount()
    await vi.advanceTimersByTimeAsync(10_000)
    expect(api.count(GET)).toBe(2)
  })

  it('shows the failed step with its error and retries', async () => {
    const api = mockApi({
      [GET]: [{ body: school('FAILED', 2, { error: 'Keycloak 返回 503' }) }, { body: school('ONBOARDING', 2) }],
      'POST /schools/tsinghua/onboarding/retry': { status: 202, body: school('ONBOARDING', 2) },
    })
    const { wrapper } = await mountView(SchoolDetail, { at: '/schools/tsinghua', props: { code: 'tsinghua' } })

    expect(wrapper.find('[data-test="school-status"]').text()).toBe('开通失败')
    expect(wrapper.find('[data-step="REALM"]').attributes('data-state')).toBe('FAILED')
    expect(wrapper.find('[data-test="onboarding-error"]').text()).toBe('Keycloak 返回 503')
    expect(wrapper.find('[data-test="suspend-school"]').exists()).toBe(false)

    await wrapper.find('[data-test="retry-onboarding"]').trigger('click')
    await flushPromises()
    expect(api.count('POST /schools/tsinghua/onboarding/retry')).toBe(1)
    expect(api.count(GET)).toBe(2)
    expect(wrapper.find('[data-test="school-status"]').attributes('data-status')).toBe('ONBOARDING')
    expect(wrapper.find('[data-test="retry-onboarding"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('resumes a suspended school', async () => {
    const api = mockApi({
      [GET]: [{ body: school('SUSPENDED', 5) }, { body: school('ACTIVE', 5) }],
      'POST /schools/tsinghua/resume': { body: school('ACTIVE', 5) },
    })
    const { wrapper } = await mountView(SchoolDetail, { at: '/schools/tsinghua', props: { code: 'tsinghua' } })
    expect(wrapper.find('[data-test="suspend-school"]').exists()).toBe(false)
    await wrapper.find('[data-test="resume-school"]').trigger('click')
    await flushPromises()
    expect(api.count('POST /schools/tsinghua/resume')).toBe(1)
    expect(wrapper.find('[data-test="school-status"]').attributes('data-status')).toBe('ACTIVE')
  })

  it('shows the server message when an action fails', async () => {
    mockApi({
      [GET]: { body: school('SUSPENDED', 5) },
      'POST /schools/tsinghua/resume': {
        status: 409,
        body: { code: 'SCHOOL_NOT_SUSPENDED', message: '只有已暂停的学校可以恢复' },
      },
    })
    const { wrapper } = await mountView(SchoolDetail, { at: '/schools/tsinghua', props: { code: 'tsinghua' } })
    await wrapper.find('[data-test="resume-school"]').trigger('click')
    await flushPromises()
    expect(messages()).toContain('只有已暂停的学校可以恢复')
  })
})
