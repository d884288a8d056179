import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory } from 'vue-router'
import { i18n } from '@/i18n'
import { createConsoleRouter } from '@/router'
import { setMe } from '@/staff'
import IdentityTypesView from '@/views/IdentityTypesView.vue'
import { mockApi } from './helpers'

const type = (id: number, name: string, identity: string, registrants: number, override: boolean | null) => ({
  id,
  name,
  identity,
  enabled: true,
  registrants,
  faceRequiredOverride: override,
  faceRequired: override ?? false,
  createdAt: '2026-01-01T00:00:00Z',
  updatedBy: 'admin',
})

async function mountPage(permissions: string[]) {
  i18n.global.locale.value = 'zh-CN'
  setMe({ username: 'admin', name: '王', phone: null, roles: [], permissions, school: null })
  const router = createConsoleRouter(createMemoryHistory('/admin/'))
  await router.push('/registrants/identity-types')
  const wrapper = mount(IdentityTypesView, { global: { plugins: [router, i18n] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

const q = <T extends HTMLElement = HTMLElement>(selector: string) => document.querySelector<T>(selector)

describe('identity types page (A4.1)', () => {
  it('lists types with their identity and face rule; a type in use cannot be deleted', async () => {
    mockApi({
      'GET /identity-types': {
        body: [type(1, '在编教师', 'TEACHER', 3, null), type(2, '外聘教师', 'TEACHER', 0, true)],
      },
    })
    await mountPage(['registrant:identity-type:view', 'registrant:identity-type:manage'])
    const used = q("[data-test='identity-type-row-1']")!.closest('tr')!
    expect(used.textContent).toContain('教师')
    expect(used.textContent).toContain('跟随身份（无需上传）')
    expect(used.querySelector<HTMLButtonElement>("[data-test='row-delete']")!.disabled).toBe(true)
    const free = q("[data-test='identity-type-row-2']")!.closest('tr')!
    expect(free.querySelector("[data-test='identity-type-face']")!.textContent).toBe('必须上传')
    expect(free.querySelector<HTMLButtonElement>("[data-test='row-delete']")!.disabled).toBe(false)
  })

  it('creates a type under the chosen identity and shows the server’s field problem', async () => {
    const api = mockApi({
      'GET /identity-types': { body: [] },
      'POST /identity-types': {
        status: 409,
        body: {
          code: 'IDENTITY_TYPE_NAME_TAKEN',
          message: '该身份下已有身份类型“博士后”',
          fields: [{ field: 'name', message: '该身份下已有身份类型「博士后」' }],
        },
      },
    })
    await mountPage(['registrant:identity-type:view', 'registrant:identity-type:manage'])
    q("[data-test='identity-type-create']")!.click()
    await flushPromises()
    const input = q<HTMLInputElement>("input[data-test='identity-type-name']")!
    input.value = ' 博士后 '
    input.dispatchEvent(new Event('input'))
    await flushPromises()
    q("[data-test='identity-type-dialog-save']")!.click()
    await flushPromises()
    const post = api.calls.find((c) => c.method === 'POST')
    expect(post?.body).toEqual({ name: '博士后', identity: 'TEACHER' })
    await vi.waitFor(() => expect(document.body.textContent).toContain('该身份下已有身份类型「博士后」'))
  })

  it('offers no changes to a user who may only view', async () => {
    mockApi({ 'GET /identity-types': { body: [type(1, '本科生', 'STUDENT', 0, null)] } })
    await mountPage(['registrant:identity-type:view'])
    expect(q("[data-test='identity-type-row-1']")).not.toBeNull()
    expect(q("[data-test='identity-type-create']")).toBeNull()
    expect(q("[data-test='row-delete']")).toBeNull()
  })
})
