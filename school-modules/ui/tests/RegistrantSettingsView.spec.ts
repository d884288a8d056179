import { describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { i18n } from '@/i18n'
import RegistrantSettingsView from '@/views/RegistrantSettingsView.vue'
import { setMe } from '@/staff'
import { ElInputNumber, ElSelect } from 'element-plus'
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

  it('shows the visitor data retention and saves a new number of days', async () => {
    i18n.global.locale.value = 'zh-CN'
    const api = mockApi({
      'GET /school/settings': { body: { ...SETTINGS, visitorRetentionDays: 180 } },
      'PUT /school/settings': (call) => ({ body: call.body }),
    })
    const wrapper = mount(RegistrantSettingsView, { global: { plugins: [i18n] }, attachTo: document.body })
    await flushPromises()
    expect(wrapper.text()).toContain('访客信息保留期')
    const days = wrapper
      .findAllComponents(ElInputNumber)
      .find((c) => c.attributes('data-test') === 'settings-visitor-retention')
    expect(days?.props('modelValue')).toBe(180)
    days!.vm.$emit('update:modelValue', 90)
    await flushPromises()
    await wrapper.find('[data-test="settings-save"]').trigger('click')
    await flushPromises()
    const put = api.calls.find((c) => c.method === 'PUT')
    expect(put?.body).toMatchObject({ visitorRetentionDays: 90 })
    wrapper.unmount()
  })

  it('shows the access record retention, keeps forever with the switch and saves months', async () => {
    i18n.global.locale.value = 'zh-CN'
    const api = mockApi({
      'GET /school/settings': { body: { ...SETTINGS, accessRetentionMonths: 36 } },
      'PUT /school/settings': (call) => ({ body: call.body }),
    })
    const wrapper = mount(RegistrantSettingsView, { global: { plugins: [i18n] }, attachTo: document.body })
    await flushPromises()
    expect(wrapper.text()).toContain('通行记录保留期')
    const months = () =>
      wrapper.findAllComponents(ElInputNumber).find((c) => c.attributes('data-test') === 'settings-access-retention')
    expect(months()?.props('modelValue')).toBe(36)
    await wrapper.find('[data-test="settings-access-retention-forever"]').trigger('click')
    await flushPromises()
    expect(months()?.props('disabled')).toBe(true)
    await wrapper.find('[data-test="settings-save"]').trigger('click')
    await flushPromises()
    expect(api.calls.filter((c) => c.method === 'PUT').at(-1)?.body).toMatchObject({ accessRetentionMonths: 0 })
    await wrapper.find('[data-test="settings-access-retention-forever"]').trigger('click')
    await flushPromises()
    months()!.vm.$emit('update:modelValue', 12)
    await flushPromises()
    await wrapper.find('[data-test="settings-save"]').trigger('click')
    await flushPromises()
    expect(api.calls.filter((c) => c.method === 'PUT').at(-1)?.body).toMatchObject({ accessRetentionMonths: 12 })
    wrapper.unmount()
  })

  it('saves a face setting per identity type, and "follow identity" removes the override', async () => {
    i18n.global.locale.value = 'zh-CN'
    setMe({
      username: 'admin',
      name: '王',
      phone: null,
      roles: [],
      permissions: ['registrant:identity-type:view'],
      school: null,
    })
    const api = mockApi({
      'GET /school/settings': { body: { ...SETTINGS, faceRequiredByTeacherType: { '4': false } } },
      'GET /identity-types': {
        body: [
          { id: 3, name: '博士后', identity: 'TEACHER', enabled: true, registrants: 0 },
          { id: 4, name: '施工人员', identity: 'THIRD_PARTY', enabled: true, registrants: 0 },
        ],
      },
      'PUT /school/settings': (call) => ({ body: call.body }),
    })
    const wrapper = mount(RegistrantSettingsView, { global: { plugins: [i18n] }, attachTo: document.body })
    await flushPromises()
    // The option list is Element Plus's own; what this page decides is what a choice does to the settings.
    const select = async (typeId: number, value: 'follow' | 'yes' | 'no') => {
      const choice = wrapper
        .findAllComponents(ElSelect)
        .find((c) => c.attributes('data-test') === `settings-type-face-${typeId}`)
      expect(choice?.props('modelValue')).toBeDefined()
      choice!.vm.$emit('update:modelValue', value)
      await flushPromises()
    }
    expect(wrapper.find('[data-test="settings-type-face-table"]').text()).toContain('博士后')
    const initial = (id: number) =>
      wrapper
        .findAllComponents(ElSelect)
        .find((c) => c.attributes('data-test') === `settings-type-face-${id}`)!
        .props('modelValue')
    expect([initial(3), initial(4)]).toEqual(['follow', 'no'])
    await select(3, 'yes')
    await select(4, 'follow')
    await wrapper.find('[data-test="settings-save"]').trigger('click')
    await flushPromises()
    const put = api.calls.find((c) => c.method === 'PUT')
    expect((put?.body as { faceRequiredByTeacherType: unknown }).faceRequiredByTeacherType).toEqual({ '3': true })
    wrapper.unmount()
  })
})
