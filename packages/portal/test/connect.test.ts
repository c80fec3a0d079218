// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { connectFrame, createRepositories, openFrameSession } from '../src'

// The frame bootstrap outside a real portal: standalone pages get null, a silent parent a timeout.
afterEach(() => {
  window.name = ''
})

describe('connectFrame', () => {
  it('resolves to null when the page is not inside a Bitrix24 frame (standalone / demo mode)', async () => {
    window.name = ''
    expect(await connectFrame(500)).toBeNull()
    expect(await openFrameSession({ frameTimeoutMs: 500, repositories: createRepositories })).toEqual({
      ok: true,
      value: null,
    })
  })

  it('rejects after the timeout when the parent never answers getInitData', async () => {
    window.name = 'silent.bitrix24.test|1|0123456789abcdef0123456789abcdef'
    // A parent that swallows every message, as a portal page that never loaded the app host would.
    Object.defineProperty(window, 'parent', { value: { postMessage: () => undefined }, configurable: true })
    await expect(connectFrame(50)).rejects.toThrow(/did not answer within 50 ms/)
  })
})

describe('openFrameSession', () => {
  // initializeB24Frame memoises its pending promise per page: the silent parent above is still "connecting".
  it('is err(TIMEOUT) when the parent is silent', async () => {
    expect(await openFrameSession({ frameTimeoutMs: 50, repositories: createRepositories })).toMatchObject({
      ok: false,
      error: { code: 'TIMEOUT', method: 'getInitData' },
    })
  })
})
