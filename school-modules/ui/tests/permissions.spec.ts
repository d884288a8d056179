import { describe, expect, it } from 'vitest'
import { createMemoryHistory } from 'vue-router'
import { landingPage, menuFor, permissionsOfRoles, mainRole } from '@/permissions'
import { createConsoleRouter } from '@/router'
import { setMe } from '@/staff'

const names = (roles: string[]) => menuFor(permissionsOfRoles(roles)).map((m) => m.name)

describe('menu by role (token fallback)', () => {
  it('gives a school admin every page', () => {
    expect(names(['school-admin'])).toEqual([
      'home',
      'campuses',
      'gates',
      'departments',
      'gate-devices',
      'registrants',
      'registrant-import',
      'registrant-settings',
      'access-records',
      'verify-pass',
      'roles',
      'users',
      'profile',
    ])
  })

  it('gives a security officer everything but the settings', () => {
    const menu = names(['security-officer'])
    expect(menu).not.toContain('registrant-settings')
    expect(menu).toContain('gates')
    expect(menu).toContain('verify-pass')
  })

  it('gives a department admin registrants and access records only', () => {
    expect(names(['department-admin'])).toEqual(['home', 'registrants', 'access-records', 'profile'])
    expect(permissionsOfRoles(['department-admin'])).not.toContain('registrant:manage')
  })

  it('gives a gate guard only the verification page (and their account)', () => {
    expect(names(['gate-guard'])).toEqual(['verify-pass', 'profile'])
    expect(landingPage(permissionsOfRoles(['gate-guard']))).toBe('verify-pass')
  })

  it('unions several roles and ignores unknown ones', () => {
    const perms = permissionsOfRoles(['gate-guard', 'department-admin', 'offline_access'])
    expect(perms).toEqual(['registrant:view', 'access-record:view', 'pass:verify'])
    expect(mainRole(['gate-guard', 'department-admin'])).toBe('department-admin')
  })
})

describe('router guard', () => {
  it('sends a gate guard who opens the gates page to the verification page', async () => {
    setMe({ username: 'g', name: '保安', phone: null, roles: ['gate-guard'], permissions: [], school: null })
    const router = createConsoleRouter(createMemoryHistory('/admin/'))
    await router.push('/gates')
    expect(router.currentRoute.value.name).toBe('verify-pass')
    await router.push('/')
    expect(router.currentRoute.value.name).toBe('verify-pass')
  })

  it('follows the permissions the server answers over the roles', async () => {
    setMe({
      username: 'o',
      name: '李',
      phone: null,
      roles: ['security-officer'],
      permissions: ['registrant:view'],
      school: null,
    })
    const router = createConsoleRouter(createMemoryHistory('/admin/'))
    await router.push('/registrants')
    expect(router.currentRoute.value.name).toBe('registrants')
    await router.push('/campuses')
    expect(router.currentRoute.value.name).toBe('home')
  })
})
