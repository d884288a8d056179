import { describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { i18n } from '@/i18n'
import RegistrantSettingsView from '@/views/RegistrantSettingsView.vue'
import { mockApi } from './helpers'

const SETTINGS = {
  openIdentities: ['TEACHER', 'STUDENT'],
  faceRequired: { STUDENT: false },
  faceRequiredByTeacherType: {},
  smsAtFirstBinding: false,
}

describe('school settings (A4.2, R1 SMS at first binding)', () => {
  it('turns on the SMS code at first binding and saves it with the other settings', async () => {
    i18n.global.locale.value = 'zh-CN'
    const api = mockApi({
      'GET /school/settings': { body: SETTINGS },
      'PUT /school/settings': (call) => ({ body: call.body }),
    })
    const wrapper = mount(RegistrantSettingsView, { global: { plugins: [i18n] }, attachTo: document.body })
    await flushPromises()
    const toggle = wrapper.find('[data-test="settings-sms-at-first-binding"]')
    expect(toggle.text()).toContain('首次绑定微信需短信验证')
    await toggle.trigger('click')
    await wrapper.find('[data-test="settings-save"]').trigger('click')
    await flushPromises()
    const put = api.calls.find((c) => c.method === 'PUT')
    expect(put?.body).toMatchObject({ openIdentities: ['TEACHER', 'STUDENT'], smsAtFirstBinding: true })
    wrapper.unmount()
  })
})
