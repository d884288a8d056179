import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import type { Component } from 'vue'
import ConfigEditor from '@/components/ConfigEditor.vue'
import SsoEditor from '@/components/SsoEditor.vue'
import { i18n } from '@/i18n'
import { mockApi } from './helpers'

const mountWith = (component: Component, props: Record<string, unknown>) => {
  i18n.global.locale.value = 'zh-CN'
  return mount(component, { props, global: { plugins: [i18n] }, attachTo: document.body })
}

describe('config editor', () => {
  it('saves identities with the teacher always open and keeps face settings it does not show', async () => {
    const api = mockApi({ 'PUT /schools/pku/config': { body: {} } })
    const wrapper = mountWith(ConfigEditor, {
      code: 'pku',
      config: { openIdentities: ['STUDENT'], faceUpload: { STUDENT: true, TEACHER_STAFF: true } },
    })
    await wrapper.find('[data-test="config-identity-RESIDENT"] input').setValue(true)
    await wrapper.find('[data-test="save-config"]').trigger('click')
    await flushPromises()

    expect(api.calls[0].body).toEqual({
      openIdentities: ['STUDENT', 'TEACHER', 'RESIDENT'],
      faceUpload: { STUDENT: true, TEACHER_STAFF: true, THIRD_PARTY: false, RESIDENT: false },
      smsAtFirstBinding: false,
    })
    expect(wrapper.emitted('saved')).toHaveLength(1)
  })
})

describe('config editor: SMS at first binding (R1)', () => {
  it('shows the stored switch and saves it turned on', async () => {
    const api = mockApi({ 'PUT /schools/pku/config': { body: {} } })
    const wrapper = mountWith(ConfigEditor, {
      code: 'pku',
      config: { openIdentities: ['STUDENT'], faceUpload: {}, smsAtFirstBinding: false },
    })
    await wrapper.find('[data-test="config-sms-at-first-binding"]').trigger('click')
    await wrapper.find('[data-test="save-config"]').trigger('click')
    await flushPromises()
    expect(api.calls[0].body).toMatchObject({ smsAtFirstBinding: true })
  })
})

describe('SSO editor', () => {
  const click = async (wrapper: ReturnType<typeof mountWith>, selector: string) => {
    await wrapper.find(selector).trigger('click')
    await flushPromises()
  }

  it('keeps a stored OIDC client secret when the field is left empty', async () => {
    const api = mockApi({ 'PUT /schools/pku/sso': { body: {} } })
    const wrapper = mountWith(SsoEditor, {
      code: 'pku',
      sso: {
        type: 'OIDC',
        displayName: '统一身份认证',
        authorizationUrl: 'https://id.pku.edu.cn/authorize',
        tokenUrl: 'https://id.pku.edu.cn/token',
        clientId: 'campuspass',
        clientSecretSet: true,
      },
    })
    await click(wrapper, '[data-test="save-sso"]')
    await vi.waitFor(() => expect(api.calls).toHaveLength(1))
    expect(api.calls[0].body).toEqual({
      type: 'OIDC',
      displayName: '统一身份认证',
      authorizationUrl: 'https://id.pku.edu.cn/authorize',
      tokenUrl: 'https://id.pku.edu.cn/token',
      clientId: 'campuspass',
    })
  })

  it('requires the SAML fields and sends only SAML settings', async () => {
    const api = mockApi({ 'PUT /schools/pku/sso': { body: {} } })
    const wrapper = mountWith(SsoEditor, { code: 'pku', sso: null })
    await click(wrapper, '[data-test="sso-type-SAML"] input')
    await click(wrapper, '[data-test="save-sso"]')
    await vi.waitFor(() => expect(wrapper.findAll('.el-form-item.is-error').length).toBe(3))
    expect(api.calls).toHaveLength(0)

    await wrapper.find('input[data-test="sso-display-name"]').setValue('统一身份认证')
    await wrapper.find('input[data-test="sso-entity-id"]').setValue('https://idp.pku.edu.cn/idp/shibboleth')
    await wrapper.find('input[data-test="sso-sso-url"]').setValue('ftp://wrong')
    await click(wrapper, '[data-test="save-sso"]')
    await vi.waitFor(() => expect(wrapper.text()).toContain('请输入以 http:// 或 https:// 开头的地址'))
    expect(api.calls).toHaveLength(0)

    await wrapper
      .find('input[data-test="sso-sso-url"]')
      .setValue('https://idp.pku.edu.cn/idp/profile/SAML2/Redirect/SSO')
    await click(wrapper, '[data-test="save-sso"]')
    await vi.waitFor(() => expect(api.calls).toHaveLength(1))
    expect(api.calls[0].body).toEqual({
      type: 'SAML',
      displayName: '统一身份认证',
      entityId: 'https://idp.pku.edu.cn/idp/shibboleth',
      singleSignOnServiceUrl: 'https://idp.pku.edu.cn/idp/profile/SAML2/Redirect/SSO',
    })
  })
})
