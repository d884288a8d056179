import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import PhotoUploader from '@/components/PhotoUploader.vue'
import { IMAGE_ACCEPT, pickedFiles } from '@/feedback'
import { i18n } from '@/i18n'

describe('PhotoUploader (feedback images, vehicle photos)', () => {
  it('offers photos only, passes its data-test hook through and refuses a too large or non-image file', async () => {
    const wrapper = mount(PhotoUploader, {
      props: { modelValue: [], 'onUpdate:modelValue': () => undefined, maxCount: 2 },
      attrs: { 'data-test': 'vehicle-photo' },
      global: { plugins: [i18n] },
    })
    const root = wrapper.find('[data-test="vehicle-photo"]')
    expect(root.exists()).toBe(true)
    expect(root.find('input[type="file"]').attributes('accept')).toBe(IMAGE_ACCEPT)
    const beforeRead = wrapper.findComponent({ name: 'van-uploader' }).props('beforeRead') as (f: File) => boolean
    expect(beforeRead(new File(['x'], 'a.jpg', { type: 'image/jpeg' }))).toBe(true)
    expect(beforeRead(new File(['x'], 'a.txt', { type: 'text/plain' }))).toBe(false)
    const big = new File([new Uint8Array(5 * 1024 * 1024 + 1)], 'big.jpg', { type: 'image/jpeg' })
    expect(beforeRead(big)).toBe(false)
  })

  it('hands over only picked files', () => {
    const file = new File(['x'], 'a.png', { type: 'image/png' })
    expect(pickedFiles([{ file }, { url: 'https://example.test/old.png' } as { file?: File }])).toEqual([file])
  })
})
