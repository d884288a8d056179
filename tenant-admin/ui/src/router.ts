import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import ConsoleLayout from './layouts/ConsoleLayout.vue'

// Views are split per route; the layout (menu, header) is part of the entry chunk.
export const routes: RouteRecordRaw[] = [
  {
    path: '/',
    component: ConsoleLayout,
    children: [
      { path: '', redirect: { name: 'schools' } },
      { path: 'schools', name: 'schools', component: () => import('./views/SchoolList.vue') },
      { path: 'schools/new', name: 'school-new', component: () => import('./views/SchoolNew.vue') },
      {
        path: 'schools/:code',
        name: 'school-detail',
        component: () => import('./views/SchoolDetail.vue'),
        props: true,
      },
      { path: ':pathMatch(.*)*', name: 'not-found', component: () => import('./views/NotFound.vue') },
    ],
  },
]

export function createConsoleRouter() {
  // The server forwards every non-file path under /operator/ to index.html.
  return createRouter({ history: createWebHistory(import.meta.env.BASE_URL), routes })
}
