import { describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { i18n } from '@/i18n'
import VerifyPassView from '@/views/VerifyPassView.vue'
import { mockApi } from './helpers'

describe('guard page (A6.2)', () => {
  it('takes a long scanned code in a field that wraps, and Enter verifies instead of adding a line', async () => {
    i18n.global.locale.value = 'zh-CN'
    const api = mockApi({
      'GET /gates': { body: [] },
      'GET /campuses': { body: [] },
      'POST /pass-verifications': { body: { allowed: false, reason: 'PASS_NOT_FOUND', person: null, gate: null } },
    })
    const wrapper = mount(VerifyPassView, { global: { plugins: [i18n] }, attachTo: document.body })
    await flushPromises()
    const field = wrapper.find('textarea[data-test="verify-code"], [data-test="verify-code"] textarea')
    expect(field.exists()).toBe(true)
    const code = 'CP1:abcdefghijabcdefghijabcdefghij:12345678'
    await field.setValue(code)
    await field.trigger('keydown', { key: 'Enter' })
    await flushPromises()
    const post = api.calls.find((c) => c.method === 'POST')
    expect(post?.body).toMatchObject({ code })
    expect((field.element as HTMLTextAreaElement).value).not.toContain('\n')
  })
})
