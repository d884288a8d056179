import { describe, expect, it, vi } from 'vitest'
import { checkFacePhoto, targetSize } from '@/face'
import { mockApi, mountAt, settle, signedIn } from './helpers'

const API = '/portal/demo/api'

function choose(wrapper: Awaited<ReturnType<typeof mountAt>>['wrapper'], file: File) {
  const input = wrapper.find('[data-test="face-album"]').element.closest('.van-uploader')!.querySelector('input')!
  Object.defineProperty(input, 'files', { value: [file], configurable: true })
  input.dispatchEvent(new Event('change'))
}

describe('face photo helpers (R4.9)', () => {
  it('scales the longer side down to 1280 and never enlarges', () => {
    expect(targetSize(4000, 3000)).toEqual({ width: 1280, height: 960 })
    expect(targetSize(3000, 4000)).toEqual({ width: 960, height: 1280 })
    expect(targetSize(640, 480)).toEqual({ width: 640, height: 480 })
  })

  it('refuses only what the server surely refuses', () => {
    expect(checkFacePhoto({ size: 11 * 1024 * 1024, type: 'image/jpeg' })).toBe('size')
    expect(checkFacePhoto({ size: 1000, type: 'image/gif' })).toBe('type')
    expect(checkFacePhoto({ size: 1000, type: 'image/png' })).toBeNull()
    expect(checkFacePhoto({ size: 1000, type: '' })).toBeNull()
  })
})

describe('face page (R4.9)', () => {
  it('says the face is required, shows the refusal reason, then the accepted face', async () => {
    signedIn()
    const api = mockApi({
      [`GET ${API}/me/face`]: { body: { required: true, uploaded: false } },
      [`POST ${API}/me/face`]: [
        { status: 422, body: { code: 'FACE_TOO_DARK', message: '照片太暗，请在光线充足的地方重新拍摄' } },
        {
          body: {
            required: true,
            uploaded: true,
            url: 'https://s3.test/face.jpg?X-Amz-Signature=x',
            checkedAt: '2026-12-01T02:00:00Z',
          },
        },
      ],
    })
    const { wrapper } = await mountAt('/demo/me/face')
    expect(wrapper.find('[data-test="face-notice"]').attributes('data-required')).toBe('true')
    expect(wrapper.find('[data-test="face-notice"]').text()).toContain('学校要求上传本人人脸照片')
    expect(wrapper.find('[data-test="face-current"]').exists()).toBe(false)

    choose(wrapper, new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0])], 'me.jpg', { type: 'image/jpeg' }))
    await settle()
    await vi.waitFor(() => expect(wrapper.find('[data-test="face-upload"]').exists()).toBe(true))
    await wrapper.find('[data-test="face-upload"]').trigger('click')
    await settle()
    const refusal = wrapper.find('[data-test="face-refusal"]')
    expect(refusal.attributes('data-code')).toBe('FACE_TOO_DARK')
    expect(refusal.text()).toContain('照片太暗')

    await wrapper.find('[data-test="face-upload"]').trigger('click')
    await settle()
    expect(wrapper.find('[data-test="face-refusal"]').exists()).toBe(false)
    expect(wrapper.find('[data-test="face-current"]').exists()).toBe(true)
    const posts = api.calls.filter((c) => c.method === 'POST' && c.path === `${API}/me/face`)
    expect(posts).toHaveLength(2)
    expect((posts[0].body as FormData).get('file')).toBeInstanceOf(File)
  })

  it('refuses a GIF on the phone without uploading it', async () => {
    signedIn()
    const api = mockApi({ [`GET ${API}/me/face`]: { body: { required: false, uploaded: false } } })
    const { wrapper } = await mountAt('/demo/me/face')
    choose(wrapper, new File([new Uint8Array([0x47, 0x49, 0x46])], 'a.gif', { type: 'image/gif' }))
    await settle()
    expect(wrapper.find('[data-test="face-refusal"]').attributes('data-code')).toBe('type')
    expect(api.calls.some((c) => c.method === 'POST')).toBe(false)
  })

  it('sends a registrant whose face is required from the pass to the face page, and back', async () => {
    signedIn()
    mockApi({
      [`POST ${API}/passes`]: {
        status: 403,
        body: { code: 'FACE_REQUIRED', message: '学校要求上传本人人脸照片后才能使用通行码，请先上传人脸' },
      },
      [`GET ${API}/me/face`]: { body: { required: true, uploaded: false } },
    })
    const { router } = await mountAt('/demo/gate/5?s=sig-1')
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('me-face'))
    expect(router.currentRoute.value.query.returnTo).toBe('/portal/demo/gate/5?s=sig-1')
  })

  it('is linked from personal info', async () => {
    signedIn()
    mockApi({
      [`GET ${API}/me/info`]: {
        body: {
          fields: [{ key: 'name', value: '张三' }],
          avatarUrl: null,
          avatarChangesLeft: 2,
          avatarChangesAllowed: 2,
        },
      },
      [`GET ${API}/me/face`]: { body: { required: false, uploaded: false } },
    })
    const { wrapper, router } = await mountAt('/demo/me')
    await wrapper.find('[data-test="me-face"]').trigger('click')
    await settle()
    expect(router.currentRoute.value.name).toBe('me-face')
  })
})
