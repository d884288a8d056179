import { mockApiAt } from '@campuspass/ui-shared/testing'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter, type RouteLocationRaw } from 'vue-router'
import type { Component } from 'vue'
import { i18n } from '@/i18n'
import { routes } from '@/router'

export { jsonResponse, messages, type Call } from '@campuspass/ui-shared/testing'

/** fetch replaced by a table of "METHOD /path" → reply, the path without /operator/api (see mockApiAt). */
export const mockApi = mockApiAt('/operator/api')

export async function mountView(
  component: Component,
  options: { at?: RouteLocationRaw; props?: Record<string, unknown> } = {},
) {
  i18n.global.locale.value = 'zh-CN'
  const router = createRouter({ history: createMemoryHistory('/operator/'), routes })
  await router.push(options.at ?? '/schools')
  await router.isReady()
  const wrapper = mount(component, {
    props: options.props,
    global: { plugins: [router, i18n] },
    attachTo: document.body,
  })
  await flushPromises()
  return { wrapper, router }
}
