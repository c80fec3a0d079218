import { describe, expect, it } from 'vitest'
import { createPortal } from '../src/index'
import { call } from './rest'

describe('im.notify.personal.add', () => {
  it('answers the new id and keeps the trimmed message for the user', async () => {
    const portal = createPortal({ faults: { rateLimit: false } })
    const { accessToken } = portal.issueAuth(1)
    const r = await call(
      portal,
      'im.notify.personal.add',
      { USER_ID: 2, MESSAGE: '  Сделка возвращена  ' },
      { token: accessToken },
    )
    expect(r.status).toBe(200)
    expect(r.body['result']).toEqual(expect.any(Number))
    expect(portal.store.notifications).toMatchObject([{ userId: 2, fromUserId: 1, message: 'Сделка возвращена' }])
  })

  it('a notification with an existing tag of the same app replaces the earlier ones', async () => {
    const portal = createPortal({ faults: { rateLimit: false } })
    const { accessToken } = portal.issueAuth(1)
    for (const text of ['first', 'second'])
      await call(portal, 'im.notify.personal.add', { USER_ID: 2, MESSAGE: text, TAG: 'T1' }, { token: accessToken })
    await call(portal, 'im.notify.personal.add', { USER_ID: 2, MESSAGE: 'other', TAG: 'T2' }, { token: accessToken })
    expect(portal.store.notifications.map((n) => [n.tag, n.message])).toEqual([
      ['T1', 'second'],
      ['T2', 'other'],
    ])
  })

  it.each([
    [{ MESSAGE: 'x' }, 'USER_ID_EMPTY'],
    [{ USER_ID: 0, MESSAGE: 'x' }, 'USER_ID_EMPTY'],
    [{ USER_ID: 2, MESSAGE: '   ' }, 'MESSAGE_EMPTY'],
  ])('refuses %o with 400 %s', async (params, code) => {
    const portal = createPortal({ faults: { rateLimit: false } })
    const r = await call(portal, 'im.notify.personal.add', params, { token: portal.issueAuth(1).accessToken })
    expect(r.status).toBe(400)
    expect(r.body['error']).toBe(code)
    expect(portal.store.notifications).toEqual([])
  })
})
