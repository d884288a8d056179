import { describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { login } from '@/auth'
import { ApiError, request } from '@/api/http'
import { i18n } from '@/i18n'
import { messages, mockApi } from './helpers'
import { vi } from 'vitest'

describe('API error handling', () => {
  it('turns {code, message} into an ApiError and shows the message', async () => {
    i18n.global.locale.value = 'zh-CN'
    mockApi({ 'POST /schools': { status: 409, body: { code: 'SCHOOL_CODE_TAKEN', message: '学校编码已存在' } } })
    const error = await request('/schools', { method: 'POST', body: {} }).catch((e: unknown) => e)

    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ status: 409, code: 'SCHOOL_CODE_TAKEN', message: '学校编码已存在' })
    await flushPromises()
    expect(messages()).toEqual(['学校编码已存在'])
  })

  it('falls back to a generic message when the body is not the error shape', async () => {
    i18n.global.locale.value = 'zh-CN'
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('<html>Bad Gateway</html>', { status: 502 })),
    )
    await request('/schools').catch(() => undefined)
    await flushPromises()
    expect(messages()).toEqual(['请求失败（HTTP 502）'])
  })

  it('stays quiet when asked to', async () => {
    mockApi({ 'GET /schools/x': { status: 500, body: { code: 'BOOM', message: '内部错误' } } })
    await request('/schools/x', { quiet: true }).catch(() => undefined)
    await flushPromises()
    expect(messages()).toEqual([])
  })

  it('sends the operator to the login page on 401', async () => {
    mockApi({ 'GET /schools': { status: 401, body: { code: 'UNAUTHENTICATED', message: 'token expired' } } })
    const error = await request('/schools').catch((e: unknown) => e)
    expect(login).toHaveBeenCalled()
    expect((error as ApiError).status).toBe(401)
    await flushPromises()
    expect(messages()).toEqual([])
  })
})

describe('translations', () => {
  it('has an English text for every Chinese one', () => {
    const keys = (o: object, prefix = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]))
    const messagesByLocale = i18n.global.messages.value as Record<string, object>
    expect(keys(messagesByLocale.en).sort()).toEqual(keys(messagesByLocale['zh-CN']).sort())
  })
})
