import { describe, expect, it } from 'vitest'
import {
  afterWechatSession,
  decideAccess,
  entryIdentities,
  returnToOrHome,
  routerPath,
  safeReturnTo,
  wechatAuthorizeUrl,
} from '@/auth/flow'

describe('safeReturnTo', () => {
  it('keeps same-school portal paths with their query and hash', () => {
    expect(safeReturnTo('demo', '/portal/demo/gate/12?s=abc_-DEF')).toBe('/portal/demo/gate/12?s=abc_-DEF')
    expect(safeReturnTo('demo', '/portal/demo/rules#top')).toBe('/portal/demo/rules#top')
    expect(safeReturnTo('demo', '/portal/demo/')).toBe('/portal/demo/')
  })

  it('refuses other origins however they are spelled', () => {
    for (const raw of [
      'https://evil.example/portal/demo/',
      '//evil.example/portal/demo/',
      '/\\evil.example/portal/demo/',
      '\\\\evil.example/portal/demo/',
      'javascript:alert(1)//portal/demo/',
      ' /portal/demo/',
      '/portal/demo/\u0000x',
      '/portal/demo/\nx',
      'portal/demo/',
    ]) {
      expect(safeReturnTo('demo', raw), raw).toBeNull()
    }
  })

  it('refuses another school, also when reached through dot segments', () => {
    expect(safeReturnTo('demo', '/portal/other/gate/1?s=x')).toBeNull()
    expect(safeReturnTo('demo', '/portal/demo/../other/gate/1')).toBeNull()
    expect(safeReturnTo('demo', '/portal/demo/%2e%2e/other/')).toBeNull()
    expect(safeReturnTo('demo', '/portal/demox/')).toBeNull()
    expect(safeReturnTo('demo', '/portal/demo')).toBeNull()
    expect(safeReturnTo('demo', '/operator/')).toBeNull()
  })

  it('refuses the API and the sign-in pages themselves (no loops)', () => {
    expect(safeReturnTo('demo', '/portal/demo/api/auth/wechat/authorize?returnTo=x')).toBeNull()
    expect(safeReturnTo('demo', '/portal/demo/auth?ticket=t')).toBeNull()
    expect(safeReturnTo('demo', '/portal/demo/login?returnTo=/portal/demo/')).toBeNull()
  })

  it('refuses non-strings and invalid school codes', () => {
    expect(safeReturnTo('demo', undefined)).toBeNull()
    expect(safeReturnTo('demo', ['/portal/demo/'])).toBeNull()
    expect(safeReturnTo('Demo/..', '/portal/Demo/../x/')).toBeNull()
  })

  it('falls back to the home of the school', () => {
    expect(returnToOrHome('demo', '//evil.example')).toBe('/portal/demo/')
    expect(returnToOrHome('demo', '/portal/demo/rules')).toBe('/portal/demo/rules')
  })
})

describe('decideAccess', () => {
  const gate = '/portal/demo/gate/5?s=sig'

  it('lets a bound session through', () => {
    expect(decideAccess('demo', { token: 't', bound: true }, true, gate)).toEqual({ kind: 'proceed' })
  })

  it('sends a visitor without session to WeChat OAuth with the page as returnTo', () => {
    expect(decideAccess('demo', null, true, gate)).toEqual({
      kind: 'wechat',
      url: '/portal/demo/api/auth/wechat/authorize?returnTo=%2Fportal%2Fdemo%2Fgate%2F5%3Fs%3Dsig',
    })
  })

  it('sends an unbound WeChat session to the identity entry', () => {
    expect(decideAccess('demo', { token: 't', bound: false }, true, gate)).toEqual({ kind: 'login', returnTo: gate })
  })

  it('uses the identity entry directly when the school has no WeChat login', () => {
    expect(decideAccess('demo', null, false, gate)).toEqual({ kind: 'login', returnTo: gate })
  })

  it('never carries an unsafe page into returnTo', () => {
    expect(decideAccess('demo', null, true, '/portal/other/gate/1')).toEqual({
      kind: 'wechat',
      url: wechatAuthorizeUrl('demo', '/portal/demo/'),
    })
  })
})

describe('afterWechatSession', () => {
  it('goes to returnTo when the openid is already bound', () => {
    expect(afterWechatSession('demo', true, '/portal/demo/gate/5?s=x')).toEqual({
      kind: 'go',
      path: '/portal/demo/gate/5?s=x',
    })
  })

  it('goes to the identity entry, keeping returnTo, when it is not', () => {
    expect(afterWechatSession('demo', false, '/portal/demo/rules')).toEqual({
      kind: 'login',
      returnTo: '/portal/demo/rules',
    })
  })

  it('replaces a foreign returnTo with home', () => {
    expect(afterWechatSession('demo', true, 'https://evil.example/')).toEqual({ kind: 'go', path: '/portal/demo/' })
    expect(afterWechatSession('demo', true, undefined)).toEqual({ kind: 'go', path: '/portal/demo/' })
  })
})

describe('entryIdentities', () => {
  it('shows only the opened identities, in the fixed order, once each', () => {
    expect(entryIdentities(['RESIDENT', 'TEACHER', 'TEACHER'])).toEqual(['TEACHER', 'RESIDENT'])
    expect(entryIdentities(['THIRD_PARTY', 'STUDENT', 'RESIDENT', 'TEACHER'])).toEqual([
      'STUDENT',
      'TEACHER',
      'THIRD_PARTY',
      'RESIDENT',
    ])
  })

  it('ignores values it does not know and tolerates a missing list', () => {
    expect(entryIdentities(['ALIEN', 'STUDENT'])).toEqual(['STUDENT'])
    expect(entryIdentities(undefined)).toEqual([])
  })
})

describe('routerPath', () => {
  it('strips the router base', () => {
    expect(routerPath('/portal/demo/gate/1?s=x')).toBe('/demo/gate/1?s=x')
  })
})
