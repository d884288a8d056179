import { describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { login } from '@/auth'
import { ApiError, download, fieldErrorsOf, fileNameOf, request } from '@/api/http'
import { i18n } from '@/i18n'
import { messages, mockApi } from './helpers'

describe('API errors', () => {
  it('turns {code, message, fields} into an ApiError, shows the message and maps fields by name', async () => {
    i18n.global.locale.value = 'zh-CN'
    mockApi({
      'POST /gates': {
        status: 400,
        body: {
          code: 'VALIDATION_FAILED',
          message: '请求参数有误',
          fields: [
            { field: 'name', message: '不能为空' },
            { field: 'campusId', message: '不能为null' },
            { field: 'name', message: '第二条被忽略' },
          ],
        },
      },
    })
    const error = await request('/gates', { method: 'POST', body: {} }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', message: '请求参数有误' })
    expect(fieldErrorsOf(error)).toEqual({ name: '不能为空', campusId: '不能为null' })
    await flushPromises()
    expect(messages()).toEqual(['请求参数有误'])
  })

  it('sends the bearer token and the console language', async () => {
    i18n.global.locale.value = 'en'
    const api = mockApi({ 'GET /campuses': { body: [] } })
    await request('/campuses')
    expect(api.calls[0].headers.Authorization).toBe('Bearer test-token')
    expect(api.calls[0].headers['Accept-Language']).toBe('en')
    i18n.global.locale.value = 'zh-CN'
  })

  it('falls back to a generic message when the body is not the error shape', async () => {
    i18n.global.locale.value = 'zh-CN'
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('<html>Bad Gateway</html>', { status: 502 })),
    )
    const error = await request('/home').catch((e: unknown) => e)
    expect(fieldErrorsOf(error)).toEqual({})
    await flushPromises()
    expect(messages()).toEqual(['请求失败（HTTP 502）'])
  })

  it('sends the user to the login page on 401 without a message', async () => {
    mockApi({ 'GET /me': { status: 401, body: { code: 'UNAUTHENTICATED', message: 'expired' } } })
    await request('/me').catch(() => undefined)
    expect(login).toHaveBeenCalled()
    await flushPromises()
    expect(messages()).toEqual([])
  })

  it('downloads files as blobs with the server-given name', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(new Uint8Array([137, 80, 78, 71]), {
            headers: { 'Content-Disposition': "attachment; filename*=UTF-8''%E5%8C%97%E9%97%A8.png" },
          }),
      ),
    )
    const file = await download('/gates/1/poster', { query: { orientation: 'LANDSCAPE', format: 'PNG' } })
    expect(file.fileName).toBe('北门.png')
    expect(file.blob.size).toBe(4)
    const url = String((fetch as unknown as { mock: { calls: unknown[][] } }).mock.calls[0][0])
    expect(url).toBe('/admin/api/gates/1/poster?orientation=LANDSCAPE&format=PNG')
  })

  it('reads plain and RFC 5987 file names', () => {
    expect(fileNameOf('attachment; filename="gate-1-portrait.pdf"')).toBe('gate-1-portrait.pdf')
    expect(fileNameOf(null)).toBeNull()
  })
})

describe('translations', () => {
  it('has an English text for every Chinese one', () => {
    const keys = (o: object, prefix = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]))
    const byLocale = i18n.global.messages.value as Record<string, object>
    expect(keys(byLocale.en).sort()).toEqual(keys(byLocale['zh-CN']).sort())
  })
})
