// Helpers of the vehicle registration pages (R2, R4.6). The server's PlateNumber has the last word; this is a
// quick first answer while typing.

const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领'

/** Upper case, half-width, without spaces, dots or dashes: the form the server stores. */
export function normalisePlate(raw: string): string {
  return raw
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s·•.\-_]/g, '')
}

/**
 * Whether a motor vehicle plate looks valid: province + letter + 5 characters (ordinary, may end in 学/警/挂/港/澳)
 * or + 6 characters (new energy, 8 in all).
 */
export function looksLikeMotorPlate(raw: string): boolean {
  const plate = normalisePlate(raw)
  const ordinary = new RegExp(`^[${PROVINCES}][A-HJ-NP-Z][A-HJ-NP-Z0-9]{4}[A-HJ-NP-Z0-9学警挂港澳领使]$`)
  const newEnergy = new RegExp(`^[${PROVINCES}][A-HJ-NP-Z][A-HJ-NP-Z0-9]{6}$`)
  return ordinary.test(plate) || newEnergy.test(plate)
}

/** E-bike plates follow each city's format: only length and characters are checked. */
export function looksLikeEbikePlate(raw: string): boolean {
  const plate = normalisePlate(raw)
  return plate.length >= 4 && plate.length <= 16
}
