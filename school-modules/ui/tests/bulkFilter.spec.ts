import { describe, expect, it } from 'vitest'
import { bulkFilter } from '@/api/registrants'

describe('bulkFilter', () => {
  it('drops empty filter values', () => {
    expect(bulkFilter({ identity: '', departmentId: 3, q: '', enabled: null, registered: undefined })).toEqual({
      departmentId: 3,
    })
  })

  it('says "all" explicitly when no filter is set', () => {
    expect(bulkFilter({ identity: '', q: '' })).toEqual({ all: true })
  })

  it('keeps false as a real filter value', () => {
    expect(bulkFilter({ registered: false })).toEqual({ registered: false })
  })
})
