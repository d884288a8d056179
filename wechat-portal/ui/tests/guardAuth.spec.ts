import { describe, expect, it, vi } from 'vitest'

// The real module (setup.ts replaces it for the view tests).
const guard = await vi.importActual<typeof import('@/guard/keycloak')>('@/guard/keycloak')

describe('guard sign-in', () => {
  it('always comes back to the school’s guard page, the exact redirect URI the realm lists', () => {
    expect(guard.guardPageUrl('https://pass.example.edu.cn', 'demo')).toBe(
      'https://pass.example.edu.cn/portal/demo/guard',
    )
    expect(guard.guardPageUrl('http://127.0.0.1:8080', 'a/b')).toBe('http://127.0.0.1:8080/portal/a%2Fb/guard')
  })
})
