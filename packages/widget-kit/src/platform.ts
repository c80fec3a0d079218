/** The Bitrix24 client a page runs in, as b24ui's CSS reads it from `<html data-platform data-version>`. */
export interface Platform {
  readonly name: 'bitrix-mobile' | 'bitrix-desktop' | 'web'
  readonly version: string
}

/** The client named in a user agent: the mobile and desktop apps say so (`BitrixMobile/Version=…`, `BitrixDesktop/…`). */
export function platformOf(userAgent: string): Platform {
  const mobile = /BitrixMobile\/Version=(\d+)/.exec(userAgent)
  if (mobile) return { name: 'bitrix-mobile', version: mobile[1]! }
  const desktop = /BitrixDesktop\/([\d.]+)/.exec(userAgent)
  if (desktop) return { name: 'bitrix-desktop', version: desktop[1]! }
  return { name: 'web', version: 'air' }
}

/**
 * Marks the page with its client, as b24ui's vue-plugin would. The plugin does it through unhead (a head manager,
 * with hooks and an empty colours style besides), which a widget page needs for nothing else: ≈ 6 kB gzip saved.
 */
export function markPlatform(root: HTMLElement, userAgent: string): void {
  const platform = platformOf(userAgent)
  root.dataset['platform'] = platform.name
  root.dataset['version'] = platform.version
}
