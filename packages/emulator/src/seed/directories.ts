import type { PortalStore, StatusRow } from '../store/store'

/** Users, departments, currencies, stages and categories of the demo company (common brief). */
export function seedDirectories(store: PortalStore): void {
  const departments = [
    { id: 1, name: 'ООО «Техностром»', sort: 100, parent: null, head: 1 },
    { id: 2, name: 'Отдел продаж', sort: 200, parent: 1, head: 2 },
    { id: 3, name: 'Финансовый отдел', sort: 300, parent: 1, head: 3 },
    { id: 4, name: 'Технический отдел', sort: 400, parent: 1, head: 4 },
  ]
  for (const d of departments) store.departments.set(d.id, d)

  const users = [
    {
      id: 1,
      name: 'Анна',
      lastName: 'Смирнова',
      secondName: 'Викторовна',
      email: 'a.smirnova@technostrom.test',
      workPosition: 'Генеральный директор',
      departments: [1],
      isAdmin: true,
      crmWrite: true,
      role: 'admin',
      gender: 'F',
    },
    {
      id: 2,
      name: 'Игорь',
      lastName: 'Петров',
      secondName: 'Андреевич',
      email: 'i.petrov@technostrom.test',
      workPosition: 'Менеджер по продажам',
      departments: [2],
      isAdmin: false,
      crmWrite: true,
      role: 'manager',
      gender: 'M',
    },
    {
      id: 3,
      name: 'Ольга',
      lastName: 'Кузнецова',
      secondName: 'Сергеевна',
      email: 'o.kuznetsova@technostrom.test',
      workPosition: 'Главный бухгалтер',
      departments: [3],
      isAdmin: false,
      crmWrite: true,
      role: 'accountant',
      gender: 'F',
    },
    {
      id: 4,
      name: 'Дмитрий',
      lastName: 'Волков',
      secondName: 'Игоревич',
      email: 'd.volkov@technostrom.test',
      workPosition: 'Инженер-конструктор',
      departments: [4],
      isAdmin: false,
      crmWrite: true,
      role: 'technician',
      gender: 'M',
    },
    {
      id: 5,
      name: 'Сергей',
      lastName: 'Новиков',
      secondName: 'Павлович',
      email: 's.novikov@technostrom.test',
      workPosition: 'Стажёр',
      departments: [2],
      isAdmin: false,
      crmWrite: false,
      role: 'viewer',
      gender: 'M',
    },
  ] as const
  for (const u of users)
    store.users.set(u.id, { ...u, departments: [...u.departments], active: true, timeZone: 'Europe/Moscow' })

  const currencies = [
    {
      currency: 'RUB',
      amount: '1.0000',
      sort: 100,
      base: true,
      ru: 'Российский рубль',
      en: 'Russian Ruble',
      fmtRu: '# ₽',
      fmtEn: '# RUB',
    },
    {
      currency: 'USD',
      amount: '92.5000',
      sort: 200,
      base: false,
      ru: 'Доллар США',
      en: 'US Dollar',
      fmtRu: '# $',
      fmtEn: '$#',
    },
    { currency: 'EUR', amount: '100.2500', sort: 300, base: false, ru: 'Евро', en: 'Euro', fmtRu: '# €', fmtEn: '€#' },
    {
      currency: 'CNY',
      amount: '12.7500',
      sort: 400,
      base: false,
      ru: 'Китайский юань',
      en: 'Chinese Yuan',
      fmtRu: '# ¥',
      fmtEn: '¥#',
    },
  ]
  for (const c of currencies)
    store.currencies.set(c.currency, {
      currency: c.currency,
      amountCnt: '1',
      amount: c.amount,
      sort: c.sort,
      base: c.base,
      fullName: { ru: c.ru, en: c.en },
      formatString: { ru: c.fmtRu, en: c.fmtEn },
      decimals: 2,
    })

  store.categories.push(
    { id: 0, entityTypeId: 2, name: 'Активность', sort: 100, isDefault: true },
    { id: 1, entityTypeId: 2, name: 'Продажа', sort: 200, isDefault: false },
    { id: 2, entityTypeId: 2, name: 'Реализация', sort: 300, isDefault: false },
    { id: 2, entityTypeId: 31, name: 'Счета', sort: 100, isDefault: true },
  )

  let statusId = 1
  const add = (entityId: string, categoryId: number | null, rows: [string, string, 'P' | 'S' | 'F', string][]): void =>
    rows.forEach(([code, name, sem, color], i) => {
      const row: StatusRow = {
        id: statusId++,
        entityId,
        statusId: code,
        name,
        sort: (i + 1) * 10,
        system: sem !== 'P' || i === 0,
        categoryId,
        color,
        semantics: sem === 'P' ? null : sem,
      }
      store.statuses.push(row)
    })
  add('STATUS', null, [
    ['NEW', 'Новый', 'P', '#2FC6F6'],
    ['IN_PROCESS', 'В работе', 'P', '#FFA900'],
    ['CONVERTED', 'Качественный', 'S', '#7BD500'],
    ['JUNK', 'Некачественный', 'F', '#FF5752'],
  ])
  add('SOURCE', null, [
    ['CALL', 'Звонок', 'P', ''],
    ['EMAIL', 'Электронная почта', 'P', ''],
    ['WEB', 'Веб-сайт', 'P', ''],
    ['ADVERTISING', 'Реклама', 'P', ''],
    ['PARTNER', 'Партнёр', 'P', ''],
    ['RECOMMENDATION', 'По рекомендации', 'P', ''],
    ['TRADE_SHOW', 'Выставка', 'P', ''],
    ['OTHER', 'Другое', 'P', ''],
  ])
  add('DEAL_TYPE', null, [
    ['SALE', 'Продажа', 'P', ''],
    ['COMPLEX', 'Комплексная продажа', 'P', ''],
    ['GOODS', 'Продажа товара', 'P', ''],
    ['SERVICES', 'Продажа услуги', 'P', ''],
  ])
  add('DEAL_STAGE', 0, [
    ['NEW', 'Новый запрос', 'P', '#39A8EF'],
    ['PREPARATION', 'Выявление потребности', 'P', '#2FC6F6'],
    ['EXECUTING', 'Подбор решения', 'P', '#55D0E0'],
    ['WON', 'Передано в продажу', 'S', '#7BD500'],
    ['LOSE', 'Отказ', 'F', '#FF5752'],
  ])
  add('DEAL_STAGE_1', 1, [
    ['C1:NEW', 'Новая сделка', 'P', '#39A8EF'],
    ['C1:PREPARATION', 'Конфигурация', 'P', '#2FC6F6'],
    ['C1:PREPAYMENT_INVOICE', 'Расчёт стоимости', 'P', '#55D0E0'],
    ['C1:EXECUTING', 'КП отправлено', 'P', '#47E4C2'],
    ['C1:FINAL_INVOICE', 'Согласование и счёт', 'P', '#FFA900'],
    ['C1:WON', 'Договор подписан', 'S', '#7BD500'],
    ['C1:LOSE', 'Проиграна', 'F', '#FF5752'],
  ])
  add('DEAL_STAGE_2', 2, [
    ['C2:NEW', 'Запуск', 'P', '#39A8EF'],
    ['C2:PREPARATION', 'Производство', 'P', '#2FC6F6'],
    ['C2:EXECUTING', 'Отгрузка', 'P', '#55D0E0'],
    ['C2:FINAL_INVOICE', 'Закрывающие документы', 'P', '#FFA900'],
    ['C2:WON', 'Выполнена', 'S', '#7BD500'],
    ['C2:LOSE', 'Отменена', 'F', '#FF5752'],
  ])
  add('SMART_INVOICE_STAGE_2', 2, [
    ['DT31_2:N', 'Новый', 'P', '#39A8EF'],
    ['DT31_2:S', 'Отправлен', 'P', '#2FC6F6'],
    ['DT31_2:UC_PARTIAL', 'Частично оплачен', 'P', '#FFA900'],
    ['DT31_2:P', 'Оплачен', 'S', '#7BD500'],
    ['DT31_2:D', 'Отклонён', 'F', '#FF5752'],
  ])
}
