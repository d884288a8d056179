import { mockApiAt } from '@campuspass/ui-shared/testing'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory } from 'vue-router'
import App from '@/App.vue'
import { i18n } from '@/i18n'
import { createPortalRouter } from '@/router'

export { jsonResponse, type Call } from '@campuspass/ui-shared/testing'

/** fetch replaced by a table of "METHOD /full/path" → reply (see mockApiAt). */
export const mockApi = mockApiAt('')

/** Mounts the whole app at `path` (relative to /portal) with an in-memory history. */
export async function mountAt(path: string) {
  const router = createPortalRouter(createMemoryHistory('/portal/'))
  await router.push(path)
  const wrapper = mount(App, { global: { plugins: [i18n, router] }, attachTo: document.body })
  await settle()
  return { wrapper, router }
}

/** Lets fetches, lazy route components and re-renders finish. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await flushPromises()
    await new Promise((resolve) => setTimeout(resolve, 0))
  }
}

export const INFO = {
  school: 'demo',
  name: '演示大学',
  identities: ['TEACHER', 'STUDENT'],
  faceRequired: [],
  wechatLogin: true,
}

export const PROFILE = {
  registrantId: 7,
  name: '张三',
  identity: 'STUDENT',
  number: '2023001',
  departmentName: '计算机学院',
  managedDepartmentName: null,
  phone: '138****5678',
}

export function signedIn(school = 'demo', bound = true, token = 'session-token'): void {
  localStorage.setItem(`campuspass.portal.session.${school}`, JSON.stringify({ token, bound }))
}
