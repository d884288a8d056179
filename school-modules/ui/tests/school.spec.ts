import { describe, expect, it } from 'vitest'
import { forgetSchoolCode, resolveSchoolCode, withoutSchoolParam } from '@/school'

describe('school code', () => {
  it('takes ?school= and remembers it', () => {
    expect(resolveSchoolCode('?school=pku')).toBe('pku')
    expect(localStorage.getItem('campuspass.admin.school')).toBe('pku')
    expect(resolveSchoolCode('')).toBe('pku')
  })

  it('prefers the URL over what was remembered', () => {
    resolveSchoolCode('?school=pku')
    expect(resolveSchoolCode('?school=thu')).toBe('thu')
    expect(resolveSchoolCode('')).toBe('thu')
  })

  it('lower-cases the code and ignores a malformed one without forgetting the known school', () => {
    expect(resolveSchoolCode('?school=PKU')).toBe('pku')
    expect(resolveSchoolCode('?school=1abc')).toBe('pku')
    expect(resolveSchoolCode('?school=a')).toBe('pku')
    expect(localStorage.getItem('campuspass.admin.school')).toBe('pku')
  })

  it('knows no school when neither the URL nor the storage has one', () => {
    expect(resolveSchoolCode('?other=1')).toBeNull()
    resolveSchoolCode('?school=pku')
    forgetSchoolCode()
    expect(resolveSchoolCode('')).toBeNull()
  })

  it('removes only the school parameter from the URL', () => {
    expect(withoutSchoolParam('http://x/admin/gates?school=pku&tab=2#top')).toBe('/admin/gates?tab=2#top')
    expect(withoutSchoolParam('http://x/admin/?school=pku')).toBe('/admin/')
  })
})
