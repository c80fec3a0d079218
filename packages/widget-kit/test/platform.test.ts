import { describe, expect, it } from 'vitest'
import { markPlatform, platformOf } from '../src'

describe('platformOf', () => {
  it.each([
    ['Mozilla/5.0 (Linux; Android 14) BitrixMobile/Version=57', { name: 'bitrix-mobile', version: '57' }],
    [
      'Mozilla/5.0 (Windows NT 10.0) BitrixDesktop/16.0.35.4 Chrome/124',
      { name: 'bitrix-desktop', version: '16.0.35.4' },
    ],
    ['Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0 Safari/537.36', { name: 'web', version: 'air' }],
  ])('%s', (ua, platform) => {
    expect(platformOf(ua)).toEqual(platform)
  })
})

describe('markPlatform', () => {
  it('writes data-platform and data-version, the attributes b24ui CSS selects on', () => {
    const root = { dataset: {} as Record<string, string> } as HTMLElement
    markPlatform(root, 'BitrixDesktop/16.0.35.4')
    expect(root.dataset).toEqual({ platform: 'bitrix-desktop', version: '16.0.35.4' })
  })
})
