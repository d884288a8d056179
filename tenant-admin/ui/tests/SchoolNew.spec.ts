import { describe, expect, it, vi } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import SchoolNew from '@/views/SchoolNew.vue'
import { messages, mockApi, mountView } from './helpers'

async function fill(wrapper: VueWrapper, values: Record<string, string>) {
  for (const [field, value] of Object.entries(values)) {
    const input = wrapper.find(`input[data-test="field-${field}"]`)
    expect(input.exists(), `input field-${field}`).toBe(true)
    await input.setValue(value)
    await input.trigger('blur')
  }
}

const VALID = {
  code: 'tsinghua',
  name: '清华大学',
  'admin-username': 'admin',
  'admin-phone': '13800000000',
  'admin-password': 'Secret123',
  'admin-name': '张三',
}

async function submit(wrapper: VueWrapper) {
  await wrapper.find('[data-test="submit-school"]').trigger('click')
  await flushPromises()
  await new Promise((r) => setTimeout(r, 0))
  await flushPromises()
}

describe('onboarding form', () => {
  it.each(['Tsinghua', '1abc', 'a', 'ts-hua', 'a'.repeat(31), '清华'])('rejects the school code %j', async (code) => {
    const api = mockApi({ 'POST /schools': { status: 202, body: { code } } })
    const { wrapper } = await mountView(SchoolNew, { at: '/schools/new' })
    await fill(wrapper, { ...VALID, code })
    await submit(wrapper)

    // Element Plus shows field errors after a short debounce.
    await vi.waitFor(() => expect(wrapper.text()).toContain('学校编码须为小写字母或数字，以字母开头，2–30 位'))
    expect(api.count('POST /schools')).toBe(0)
  })

  it('rejects a bad phone number and a weak password without calling the API', async () => {
    const api = mockApi({})
    const { wrapper } = await mountView(SchoolNew, { at: '/schools/new' })
    await fill(wrapper, { ...VALID, 'admin-phone': '12345', 'admin-password': 'short' })
    await submit(wrapper)

    await vi.waitFor(() => {
      expect(wrapper.text()).toContain('请输入 11 位手机号')
      expect(wrapper.text()).toContain('密码至少 8 位')
    })
    expect(api.calls).toHaveLength(0)
  })

  it('keeps the teacher identity checked and locked', async () => {
    mockApi({})
    const { wrapper } = await mountView(SchoolNew, { at: '/schools/new' })
    const teacher = wrapper.find('[data-test="identity-TEACHER"] input[type="checkbox"]')
    const student = wrapper.find('[data-test="identity-STUDENT"] input[type="checkbox"]')
    expect((teacher.element as HTMLInputElement).checked).toBe(true)
    expect((teacher.element as HTMLInputElement).disabled).toBe(true)
    expect((student.element as HTMLInputElement).disabled).toBe(false)

    // Even if something clears the group, the teacher comes back.
    ;(wrapper.vm as unknown as { form: { openIdentities: string[] } }).form.openIdentities = ['STUDENT']
    await flushPromises()
    expect((wrapper.vm as unknown as { form: { openIdentities: string[] } }).form.openIdentities).toContain('TEACHER')
  })

  it('submits a valid school and opens its detail page', async () => {
    const api = mockApi({
      'POST /schools': { status: 202, body: { code: 'tsinghua', name: '清华大学', status: 'ONBOARDING' } },
    })
    const { wrapper, router } = await mountView(SchoolNew, { at: '/schools/new' })
    // Don't load the detail page's chunk here; only where the form sends the operator matters.
    const push = vi.spyOn(router, 'push').mockResolvedValue(undefined)
    // Close the resident identity: its face setting must then be sent as false.
    await wrapper.find('[data-test="identity-RESIDENT"] input[type="checkbox"]').setValue(false)
    await fill(wrapper, VALID)
    await submit(wrapper)

    await vi.waitFor(() => expect(push).toHaveBeenCalledWith({ name: 'school-detail', params: { code: 'tsinghua' } }))
    expect(router.resolve({ name: 'school-detail', params: { code: 'tsinghua' } }).fullPath).toBe('/schools/tsinghua')
    expect(api.count('POST /schools')).toBe(1)
    const body = api.calls.find((c) => c.method === 'POST')!.body as Record<string, unknown>
    expect(body).toMatchObject({
      code: 'tsinghua',
      name: '清华大学',
      admin: { username: 'admin', phone: '13800000000', password: 'Secret123', name: '张三' },
      openIdentities: ['STUDENT', 'TEACHER', 'THIRD_PARTY'],
      faceUpload: { STUDENT: true, THIRD_PARTY: false, RESIDENT: false },
      wechat: { appId: '', appSecret: '', token: '', aesKey: '' },
    })
    expect(api.calls[0].headers.Authorization).toBe('Bearer test-token')
  })

  it('shows the server message when the code is taken and stays on the form', async () => {
    mockApi({ 'POST /schools': { status: 409, body: { code: 'SCHOOL_CODE_TAKEN', message: '学校编码已存在' } } })
    const { wrapper, router } = await mountView(SchoolNew, { at: '/schools/new' })
    await fill(wrapper, VALID)
    await submit(wrapper)

    await vi.waitFor(() => expect(messages()).toContain('学校编码已存在'))
    expect(router.currentRoute.value.fullPath).toBe('/schools/new')
    // The message is also pinned to the code field.
    await vi.waitFor(() => expect(wrapper.find('.el-form-item.is-error').text()).toContain('学校编码已存在'))
  })
})
