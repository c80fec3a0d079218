import type { PortalStore } from '../store/store'
import { bumpSequence } from '../store/store'

/** The demo's contact persons (ids 1…n in the order of `people`): person i works at company i (if it exists). */
export function seedContacts(
  store: PortalStore,
  people: readonly (readonly [string, string])[],
  createdTime: string,
): void {
  people.forEach(([name, lastName], i) => {
    const id = i + 1
    store.contacts.set(id, {
      id,
      name,
      secondName: '',
      lastName,
      post: i % 2 === 0 ? 'Главный инженер' : 'Руководитель закупок',
      phone: `+7 (495) 200-${String(10 + id).padStart(2, '0')}-${String(30 + id).padStart(2, '0')}`,
      email: `contact${id}@client.example`,
      companyId: store.companies.has(id) ? id : 0,
      typeId: 'CLIENT',
      sourceId: 'CALL',
      comments: '',
      assignedById: 2,
      createdBy: 2,
      updatedBy: 2,
      createdTime,
      updatedTime: createdTime,
    })
  })
  bumpSequence(store, 'contact', people.length)
}
