import { describe, expect, it } from 'vitest'
import { createMemoryHistory } from 'vue-router'
import { landingPage, menuFor } from '@/permissions'
import { createConsoleRouter } from '@/router'
import { setMe, type Me } from '@/staff'

const names = (permissions: string[]) => menuFor(permissions).map((m) => m.name)

const me = (permissions: string[], roles: string[] = ['role-x']): Me => ({
  username: 'u',
  name: '李',
  phone: null,
  roles,
  roleNames: ['自定义角色'],
  permissions,
  dataScope: 'SCHOOL',
  school: null,
})

describe('menu by permission', () => {
  it('shows each page to whoever holds its permission and nothing else', () => {
    expect(names(['access:record:view'])).toEqual(['access-records', 'profile'])
    expect(names(['organization:position:view', 'organization:term:view'])).toEqual(['positions', 'terms', 'profile'])
    expect(names(['system:role:view', 'system:user:view'])).toEqual(['roles', 'users', 'profile'])
    expect(names(['organization:gate:view', 'registrant:registrant:import'])).toEqual([
      'gates',
      'registrant-import',
      'profile',
    ])
  })

  it('gives a user without permissions only their own account', () => {
    expect(names([])).toEqual(['profile'])
    expect(landingPage([])).toBe('profile')
  })

  it('lands a guard-like permission set on the verification page', () => {
    expect(landingPage(['access:pass:verify'])).toBe('verify-pass')
  })

  it('ignores permission strings it does not know', () => {
    expect(names(['school-admin', 'registrant:manage', 'admin'])).toEqual(['profile'])
  })
})

describe('router guard', () => {
  it('sends a user who opens a page they may not see to their first page', async () => {
    setMe(me(['access:pass:verify'], ['gate-guard']))
    const router = createConsoleRouter(createMemoryHistory('/admin/'))
    await router.push('/gates')
    expect(router.currentRoute.value.name).toBe('verify-pass')
    await router.push('/')
    expect(router.currentRoute.value.name).toBe('verify-pass')
  })

  it('follows the permissions the server answers, never the role names', async () => {
    // A custom role the school named like the seeded admin role still gets only what it was given.
    setMe(me(['registrant:registrant:view'], ['school-admin']))
    const router = createConsoleRouter(createMemoryHistory('/admin/'))
    await router.push('/registrants')
    expect(router.currentRoute.value.name).toBe('registrants')
    await router.push('/campuses')
    expect(router.currentRoute.value.name).toBe('registrants')
  })
})
