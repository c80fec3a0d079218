import { describe, expect, it } from 'vitest'
import { createPortal } from '../src/index'
import { call } from './rest'

const fresh = () => createPortal({ faults: { rateLimit: false } })
type P = ReturnType<typeof fresh>

const ok = async <T>(portal: P, method: string, params: Record<string, unknown>, userId = 1): Promise<T> => {
  const r = await call(portal, method, params, { userId })
  if (r.status !== 200) throw new Error(`${method}: ${JSON.stringify(r.body)}`)
  return r.body['result'] as T
}
const stock = async (portal: P, productId: number) =>
  (
    await ok<{ storeProducts: { storeId: number; amount: number }[] }>(portal, 'catalog.storeproduct.list', {
      filter: { productId },
      select: ['storeId', 'amount'],
    })
  ).storeProducts
    .map((s) => [s.storeId, s.amount])
    .sort()
const addDocument = async (portal: P, docType: string) =>
  (
    await ok<{ document: { id: number; status: string } }>(portal, 'catalog.document.add', {
      fields: { docType, currency: 'RUB', responsibleId: 1, title: `salesflow ${docType}` },
    })
  ).document

describe('catalog.document.*: inventory documents move stock only when conducted', () => {
  it('a draft S (оприходование) adds nothing until conducted; conduct adds its lines; cancel takes them back', async () => {
    const portal = fresh()
    const before = await stock(portal, 101)
    const doc = await addDocument(portal, 'S')
    expect(doc.status).toBe('N')
    const line = await ok<{ documentElement: { docId: number; storeTo: number; amount: number } }>(
      portal,
      'catalog.document.element.add',
      { fields: { docId: doc.id, elementId: 101, storeTo: 1, amount: 5, purchasingPrice: 10 } },
    )
    expect(line.documentElement).toMatchObject({ docId: doc.id, storeTo: 1, amount: 5 })
    expect(await stock(portal, 101)).toEqual(before)
    expect(await ok(portal, 'catalog.document.conduct', { id: doc.id })).toBe(true)
    const msk = before.find(([s]) => s === 1)![1]!
    expect((await stock(portal, 101)).find(([s]) => s === 1)).toEqual([1, msk + 5])
    expect(portal.store.products.get(101)!.quantity).toBe(before.reduce((t, [, a]) => t + a!, 0) + 5)
    const listed = await ok<{ documents: { id: number; status: string }[] }>(portal, 'catalog.document.list', {
      filter: { id: doc.id },
    })
    expect(listed.documents).toMatchObject([{ id: doc.id, status: 'Y' }])
    // A conducted document takes no lines and cannot be deleted (null); cancelling takes its stock back.
    const late = await call(portal, 'catalog.document.element.add', {
      fields: { docId: doc.id, elementId: 101, storeTo: 1, amount: 1 },
    })
    expect(late.body).toMatchObject({ error: 'ERROR_DOCUMENT_STATUS', error_description: 'Conducted document' })
    expect(await ok(portal, 'catalog.document.delete', { id: doc.id })).toBeNull()
    expect(await ok(portal, 'catalog.document.cancel', { id: doc.id })).toBe(true)
    expect(await stock(portal, 101)).toEqual(before)
    expect(await ok(portal, 'catalog.document.delete', { id: doc.id })).toBe(true)
  })

  it('a D (списание) that would take a store below zero fails whole: no stock moves, the draft stays a draft', async () => {
    const portal = fresh()
    const before = await stock(portal, 102)
    const held = before.find(([s]) => s === 2)![1]!
    const doc = await addDocument(portal, 'D')
    await ok(portal, 'catalog.document.element.add', {
      fields: { docId: doc.id, elementId: 102, storeFrom: 1, amount: 1 },
    })
    await ok(portal, 'catalog.document.element.add', {
      fields: { docId: doc.id, elementId: 102, storeFrom: 2, amount: held + 1 },
    })
    const r = await call(portal, 'catalog.document.conduct', { id: doc.id })
    expect(r.status).toBe(400)
    expect(r.body).toMatchObject({ error: 0 })
    expect(String(r.body['error_description'])).toMatch(/^Document conducting error: insufficient quantity/)
    expect(await stock(portal, 102)).toEqual(before)
    expect(portal.store.storeDocuments.get(doc.id)?.status).toBe('N')
    expect(await ok(portal, 'catalog.document.delete', { id: doc.id })).toBe(true)
    expect(portal.store.storeDocumentElements.size).toBe(0)
  })

  it('refuses what the reference refuses: unknown type, unknown document, a line without its store, no rights', async () => {
    const portal = fresh()
    const bad = await call(portal, 'catalog.document.add', {
      fields: { docType: 'X', currency: 'RUB', responsibleId: 1 },
    })
    expect(bad.body).toMatchObject({ error: 0, error_description: "DOC_TYPE isn't available" })
    expect((await call(portal, 'catalog.document.conduct', { id: 999 })).body).toMatchObject({
      error_description: 'Document not found',
    })
    const doc = await addDocument(portal, 'D')
    const noStore = await call(portal, 'catalog.document.element.add', {
      fields: { docId: doc.id, elementId: 101, storeTo: 1, amount: 1 },
    })
    expect(noStore.body).toMatchObject({ error_description: 'Error of adding new document element' })
    const empty = await call(portal, 'catalog.document.conduct', { id: doc.id })
    expect(empty.status).toBe(400)
    const intern = await call(
      portal,
      'catalog.document.add',
      { fields: { docType: 'S', currency: 'RUB', responsibleId: 5 } },
      { userId: 5 },
    )
    expect(intern.body).toMatchObject({ error_description: 'Insufficient permissions to save the document' })
    const arrival = await addDocument(portal, 'A')
    await ok(portal, 'catalog.document.element.add', {
      fields: { docId: arrival.id, elementId: 101, storeTo: 1, amount: 1 },
    })
    expect((await call(portal, 'catalog.document.conduct', { id: arrival.id })).body).toMatchObject({
      error_description: 'Document conducting error: Supplier not specified',
    })
  })

  it('an S line for a store the product never had creates its stock row', async () => {
    const portal = fresh()
    portal.store.stores.set(3, { id: 3, title: 'Склад Казань', address: '' })
    const doc = await addDocument(portal, 'S')
    await ok(portal, 'catalog.document.element.add', {
      fields: { docId: doc.id, elementId: 103, storeTo: 3, amount: 2.5 },
    })
    await ok(portal, 'catalog.document.conduct', { id: doc.id })
    expect((await stock(portal, 103)).find(([s]) => s === 3)).toEqual([3, 2.5])
  })
})
