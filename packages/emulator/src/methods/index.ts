import type { MethodTable } from '../core/context'
import { appMethods } from './app'
import { catalogMethods } from './catalog'
import { companyMethods } from './companies'
import { contactMethods } from './contacts'
import { crmMethods } from './crm'
import { directoryMethods } from './directories'
import { eventMethods } from './events'
import { paymentMethods } from './payments'
import { productRowMethods } from './product-rows'
import { requisiteMethods } from './requisites'
import { taskMethods } from './tasks'
import { timelineMethods } from './timeline'
import { userMethods } from './users'
import { userFieldMethods } from './userfields'
import { duplicateMethods } from './duplicates'
import { imMethods } from './im'
import { entityUserFieldMethods } from './entity-userfields'
import { storeDocumentMethods } from './store-documents'

/** Every REST method the emulator answers, by lower-case name (Bitrix24 method names are case-insensitive). */
export const METHODS: MethodTable = Object.fromEntries(
  Object.entries({
    ...crmMethods,
    ...companyMethods,
    ...contactMethods,
    ...productRowMethods,
    ...paymentMethods,
    ...directoryMethods,
    ...catalogMethods,
    ...userMethods,
    ...appMethods,
    ...timelineMethods,
    ...taskMethods,
    ...eventMethods,
    ...requisiteMethods,
    ...userFieldMethods,
    ...duplicateMethods,
    ...imMethods,
    ...entityUserFieldMethods,
    ...storeDocumentMethods,
  }).map(([k, v]) => [k.toLowerCase(), v]),
)
