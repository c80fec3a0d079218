import { inject, readonly, ref, type InjectionKey, type ObjectPlugin, type Ref } from 'vue'
import { isRecord } from '@salesflow/rules'
import type { Lang } from './format'

/** A widget's messages: the same keys in both languages (the `satisfies` on each widget's file checks that). */
export type Messages = Record<string, unknown>

/**
 * Messages every widget shares: error codes of @salesflow/rules and @salesflow/usecases, in ru and en. Portal errors carry their own
 * ru/en sentence (PortalError.message), which errorText shows. A widget's own messages are merged over these.
 */
export const kitMessages = {
  ru: {
    error: {
      title: 'Не получилось',
      retry: 'Повторить',
      unknown: 'Непредвиденная ошибка ({code}). Повторите действие; если не поможет — сообщите администратору.',
      INVALID_NUMBER: 'Поле «{field}»: «{value}» — не число.',
      INVALID_ENUM: 'Поле «{field}»: недопустимое значение «{value}».',
      DISCOUNT_SUM_REQUIRED: 'При скидке 100 % укажите сумму скидки.',
      UNKNOWN_CURRENCY: 'Валюта {currency} не настроена на портале.',
      NO_BASE_CURRENCY: 'На портале не задана базовая валюта.',
      INVALID_RATE: 'Некорректный курс валюты {currency}.',
      CURRENCY_MISMATCH: 'Нельзя складывать суммы в {expected} и {actual}.',
      INVALID_RATIOS: 'Некорректные доли распределения.',
      INVALID_DECIMALS: 'Некорректная точность валюты {currency}.',
      INVALID_INPUT: 'Поле «{field}»: значение отсутствует или имеет неверный вид.',
      OUT_OF_RANGE: 'Поле «{field}»: значение «{value}» вне допустимого диапазона.',
      UNKNOWN_STAGE: 'Стадия {stageId} не описана в настройках воронок.',
      SAME_STAGE: 'Сделка уже на этой стадии.',
      TRANSITION_NOT_ALLOWED: 'Такой переход не предусмотрен процессом.',
      STAGE_SKIP_NOT_ALLOWED: 'Стадии нельзя пропускать: сначала «{next}».',
      ROLE_NOT_ALLOWED: 'Вашей роли это действие не разрешено.',
      REQUIREMENTS_MISSING: 'Для перехода не хватает данных.',
      GUARD_FAILED: 'Условие перехода не выполнено: {guard}.',
      CONFIG_INVALID: 'Ошибка в настройках ({path}): {problem}.',
      STALE_RATE: 'Курс от {rateDate} устарел (сегодня {today}). Обновите курсы на портале.',
      NEGATIVE_AMOUNT: 'Поле «{field}»: сумма не может быть отрицательной.',
      UNKNOWN_PAYMENT_TERMS: 'Неизвестные условия оплаты «{terms}».',
      NOTHING_TO_INVOICE: 'По сделке нечего выставлять в счёт.',
      OVERPAYMENT: 'Распределение больше остатка позиции.',
      NO_DELIVERY_RULE: 'В тарифах доставки нет правила для зоны «{zone}» и веса {weightKg} кг.',
      UNKNOWN_URGENCY: 'Неизвестная срочность доставки «{urgency}».',
      INVALID_DATE: 'Поле «{field}»: «{value}» — не дата.',
      NOT_CANONICAL: 'Значение «{path}» записано не в каноническом виде.',
      RULESET_INVALID: 'Ошибка в правилах квалификации лидов ({path}): {problem}.',
      LEAD_FACT_MISSING: 'Для квалификации лида не хватает данных: {fact}.',
      RULE_ENGINE_FAILED: 'Правила квалификации не выполнились: {message}.',
      UNKNOWN_STATUS: 'Неизвестный статус «{status}».',
      STAGE_SEMANTICS_INVALID: 'Ошибка в стадиях воронки: {problem}.',
      DUPLICATE_ID: 'Поле «{field}»: идентификатор «{id}» повторяется.',
      PAID_EXCEEDS_AMOUNT: 'По позиции {positionId} счёта {invoiceId} оплачено больше её суммы.',
      PAYMENT_TERMS_INVALID: 'Ошибка в условиях оплаты: {problem}.',
      INVALID_PERCENT: 'Поле «{field}»: «{value}» — не процент от 0 до 100.',
      UNKNOWN_PRODUCT: 'Товар {id} не найден в каталоге.',
      PRICE_MISSING: 'У товара {productId} нет цены.',
      CONFIGURATION_INVALID: 'Конфигурация изделия не собирается: нарушены правила совместимости.',
      ALLOCATION_PLAN_INVALID: 'В распределении оплаты есть ошибки.',
      UNKNOWN_ALLOCATION: 'Позиции {positionId} нет в счёте {invoiceId}.',
      UNKNOWN_INVOICE: 'Строка {line}: счёта {invoiceId} нет среди открытых.',
      UNKNOWN_POSITION: 'Строка {line}: позиции {positionId} нет в счёте {invoiceId}.',
      DUPLICATE_LINE: 'Строка {line}: позиция {positionId} счёта {invoiceId} уже распределена выше.',
      NON_POSITIVE_AMOUNT: 'Строка {line}: сумма {amount} должна быть больше нуля.',
      INVALID_AMOUNT: 'Строка {line}: «{amount}» — не сумма.',
      POSITION_OVERPAID: 'Строка {line}: {amount} больше остатка позиции ({outstanding}).',
      RECEIPT_EXCEEDED: 'Распределено {allocated}, а поступило {receipt}.',
      ORDER_INVALID: 'Строка {row} заказа рассчитана с ошибкой — ничего не сохранено.',
      COMPANY_NOT_CONFIGURED: 'Реквизиты нашей компании не заданы в настройках приложения.',
      NO_CLIENT: 'У сделки не указана компания клиента.',
      NO_ROWS: 'В сделке нет товаров — КП строить не из чего.',
      DELIVERY_PRODUCT_NOT_CONFIGURED: 'В настройках приложения не указан товар «Доставка» из каталога.',
      PHONE_INVALID: '«{value}» — не номер телефона.',
      EMAIL_INVALID: '«{value}» — не адрес электронной почты.',
      JUNK_REASON_UNKNOWN: 'Причины «{reason}» нет в списке настроек.',
      LIST_VALUE_UNKNOWN: 'В списке поля «{field}» на портале нет значения «{value}».',
      LEAD_FUNNEL_NOT_CONFIGURED: 'Воронка «{funnel}» для сделок из лидов не настроена.',
      QUANTITY_NOT_POSITIVE: '«{field}»: нужно больше нуля, а указано {value}.',
      DISCOUNT_OUT_OF_RANGE: '«{field}»: скидка от 0 до 100 % и не отрицательная, а указано {value}.',
      NOT_IN_CARD: 'Виджет открыт не в карточке CRM (место встройки {placement}).',
      RECEIPT_AMOUNT_NOT_POSITIVE: 'Сумма поступления должна быть больше нуля, а указано {value}.',
      RECEIPT_AMOUNT_INVALID: '«{value}» — не сумма.',
      PAYMENT_BEFORE_INVOICE: 'Дата оплаты {date} раньше даты счёта {invoiceDate}.',
      INVOICE_NO_ROWS: 'В счёте нет позиций — оплату не на что разнести.',
      INVOICE_CLOSED: 'Счёт в статусе «{status}»: оплаты по нему не принимаются.',
      CREDIT_NEEDS_CONFIRMATION:
        'Поступление больше долга по счёту: {credit} {currency} станут авансом (кредитом) компании. Подтвердите.',
      RECEIPT_CONFLICT:
        'Счёт изменился, пока вы вносили оплату. Данные перечитаны — проверьте распределение ещё раз; ничего не записано.',
      BANK_DOCUMENT_APPLIED: 'Банковский документ {key} уже проведён по этому счёту (оплата {paymentId}).',
      RECEIPT_NOT_FOUND: 'Оплаты {paymentId} в счёте уже нет.',
      REASON_REQUIRED: 'Укажите причину.',
      DEAL_NO_ROWS: 'В сделке нет товаров — счёт выставлять не из чего.',
      INVOICE_NO_COMPANY: 'У сделки не указана компания клиента — счёт выставить некому.',
      INVOICE_ISSUE_DENIED: 'Вашей роли нельзя выставлять счета.',
      INVOICE_FIELDS_MISSING:
        'Поля счёта для курса и ключа ещё не созданы. Попросите администратора запустить установку приложения ещё раз — она их создаст.',
      INVOICE_NOT_COMPLETED:
        'Счёт {accountNumber} создан, но его строки не записались. Повторите — счёт будет дописан.',
      MODEL_INVALID:
        'Модель конфигуратора в настройке salesflow.configurator заполнена неверно: {path} ({problem}). Сообщите администратору.',
      CATALOG_PROPERTIES_MISSING:
        'Свойства каталога для сконфигурированных изделий ещё не созданы ({key}). Попросите администратора запустить установку приложения.',
      CONFIGURATION_NOT_APPROVED:
        'Изделие не согласовано техническим отделом ({approval}), а в воронке «{funnel}» можно добавлять только согласованные.',
      CATALOG_NOT_FOUND: 'Товара нет в каталоге портала: обновите вкладку.',
      NO_APPROVER: 'Некому согласовать: в настройках не указан ни технолог, ни руководитель технического отдела.',
      NOT_PENDING: 'Изделие сейчас не ждёт решения: обновите вкладку.',
      TASK_NOT_FOUND:
        'Задача на согласование №{taskId} удалена на портале — ничего не записано. Отправьте конфигурацию снова.',
      INSTALL_NOT_ADMIN: 'Установить или удалить приложение может только администратор портала.',
      INSTALL_TABLE_INVALID: 'Таблица встроек приложения повреждена (строка {row}) — ничего не записано.',
      INSTALL_FIELD_CONFLICT:
        'Поле {field} уже есть на портале с типом «{found}», а нужен «{expected}» — ничего не записано.',
      INSTALL_STEP_FAILED:
        'Шаг «{step}» не завершён: не выполнено операций — {failed}. Запустите установку ещё раз, сделанное не повторится.',
      SETTINGS_NOT_ADMIN: 'Сохранять настройки может только администратор портала.',
      SETTINGS_INVALID: 'Раздел «{section}», {path}: {problem}. Ничего не сохранено.',
      SETTINGS_STALE: 'Раздел «{section}» уже изменил кто-то другой (версия {version}). Обновите страницу.',
      SETTINGS_VERSION_UNKNOWN: 'В истории раздела «{section}» нет версии {version}.',
      SETTINGS_UNKNOWN_STAGE:
        'Раздел «{section}», {path}: на портале нет стадии (статуса) «{stage}». Ничего не сохранено.',
      BANK_APPLY_DENIED:
        'Проводить оплаты из банковской выписки могут только бухгалтер и администратор (ваша роль: {role}).',
    },
    rows: {
      product: 'Товар',
      listPrice: 'Цена',
      discount: 'Скидка',
      percent: '%',
      amount: 'сумма',
      quantity: 'Кол-во',
      tax: 'НДС',
      noTax: 'без НДС',
      sum: 'Сумма',
      remove: 'Удалить',
      inexact: 'Портал сохранит цену {price}: при такой скидке точная цена недостижима.',
    },
    catalog: {
      open: 'Добавить из каталога',
      close: 'Закрыть',
      text: 'Название или артикул',
      placeholder: 'Например, ПТ-200 или SF-101',
      section: 'Раздел',
      allSections: 'Все разделы',
      searching: 'Ищем…',
      hint: 'Введите хотя бы два символа или выберите раздел.',
      article: 'арт. {article}',
      stock: 'Остатки',
      add: 'Добавить',
    },
    panel: {
      loadFailed: 'Эта часть карточки не загрузилась. Проверьте связь и обновите вкладку.',
      reload: 'Обновить',
    },
  },
  en: {
    error: {
      title: 'Something went wrong',
      retry: 'Retry',
      unknown: 'Unexpected error ({code}). Try again; if it persists, tell your administrator.',
      INVALID_NUMBER: 'Field “{field}”: “{value}” is not a number.',
      INVALID_ENUM: 'Field “{field}”: “{value}” is not allowed.',
      DISCOUNT_SUM_REQUIRED: 'A 100 % discount needs the discount amount.',
      UNKNOWN_CURRENCY: 'Currency {currency} is not set up on the portal.',
      NO_BASE_CURRENCY: 'The portal has no base currency.',
      INVALID_RATE: 'The exchange rate of {currency} is invalid.',
      CURRENCY_MISMATCH: 'Cannot add amounts in {expected} and {actual}.',
      INVALID_RATIOS: 'Invalid allocation shares.',
      INVALID_DECIMALS: 'Invalid decimals for currency {currency}.',
      INVALID_INPUT: 'Field “{field}” is missing or has the wrong form.',
      OUT_OF_RANGE: 'Field “{field}”: “{value}” is out of the allowed range.',
      UNKNOWN_STAGE: 'Stage {stageId} is not in the funnel settings.',
      SAME_STAGE: 'The deal is already at this stage.',
      TRANSITION_NOT_ALLOWED: 'This move is not part of the process.',
      STAGE_SKIP_NOT_ALLOWED: 'Stages cannot be skipped: “{next}” comes first.',
      ROLE_NOT_ALLOWED: 'Your role may not do this.',
      REQUIREMENTS_MISSING: 'Some data is missing for this move.',
      GUARD_FAILED: 'A condition of this move does not hold: {guard}.',
      CONFIG_INVALID: 'Settings error ({path}): {problem}.',
      STALE_RATE: 'The rate of {rateDate} is stale (today is {today}). Update the portal rates.',
      NEGATIVE_AMOUNT: 'Field “{field}”: the amount cannot be negative.',
      UNKNOWN_PAYMENT_TERMS: 'Unknown payment terms “{terms}”.',
      NOTHING_TO_INVOICE: 'There is nothing left to invoice on this deal.',
      OVERPAYMENT: 'The allocation exceeds what is open on the position.',
      NO_DELIVERY_RULE: 'The delivery rates have no rule for zone “{zone}” and {weightKg} kg.',
      UNKNOWN_URGENCY: 'Unknown delivery urgency “{urgency}”.',
      INVALID_DATE: 'Field “{field}”: “{value}” is not a date.',
      NOT_CANONICAL: 'The value at “{path}” is not in canonical form.',
      RULESET_INVALID: 'Lead qualification rules error ({path}): {problem}.',
      LEAD_FACT_MISSING: 'The lead lacks data for qualification: {fact}.',
      RULE_ENGINE_FAILED: 'The qualification rules failed to run: {message}.',
      UNKNOWN_STATUS: 'Unknown status “{status}”.',
      STAGE_SEMANTICS_INVALID: 'Funnel stages error: {problem}.',
      DUPLICATE_ID: 'Field “{field}”: id “{id}” appears twice.',
      PAID_EXCEEDS_AMOUNT: 'Position {positionId} of invoice {invoiceId} is paid beyond its amount.',
      PAYMENT_TERMS_INVALID: 'Payment terms error: {problem}.',
      INVALID_PERCENT: 'Field “{field}”: “{value}” is not a percentage from 0 to 100.',
      UNKNOWN_PRODUCT: 'Product {id} is not in the catalog.',
      PRICE_MISSING: 'Product {productId} has no price.',
      CONFIGURATION_INVALID: 'The product configuration breaks compatibility rules.',
      ALLOCATION_PLAN_INVALID: 'The payment allocation has errors.',
      UNKNOWN_ALLOCATION: 'Invoice {invoiceId} has no position {positionId}.',
      UNKNOWN_INVOICE: 'Line {line}: invoice {invoiceId} is not among the open ones.',
      UNKNOWN_POSITION: 'Line {line}: invoice {invoiceId} has no position {positionId}.',
      DUPLICATE_LINE: 'Line {line}: position {positionId} of invoice {invoiceId} is already allocated above.',
      NON_POSITIVE_AMOUNT: 'Line {line}: the amount {amount} must be above zero.',
      INVALID_AMOUNT: 'Line {line}: “{amount}” is not an amount.',
      POSITION_OVERPAID: 'Line {line}: {amount} is more than the position’s outstanding {outstanding}.',
      RECEIPT_EXCEEDED: '{allocated} allocated, but {receipt} received.',
      ORDER_INVALID: 'Row {row} of the order does not price: nothing was saved.',
      COMPANY_NOT_CONFIGURED: 'Our company requisites are not set in the app settings.',
      NO_CLIENT: 'The deal has no client company.',
      NO_ROWS: 'The deal has no products: nothing to put in an offer.',
      DELIVERY_PRODUCT_NOT_CONFIGURED: 'The app settings name no catalog product for delivery.',
      PHONE_INVALID: '"{value}" is not a phone number.',
      EMAIL_INVALID: '"{value}" is not an e-mail address.',
      JUNK_REASON_UNKNOWN: 'The reason "{reason}" is not in the list of the settings.',
      LIST_VALUE_UNKNOWN: 'The portal\'s list for the field "{field}" has no value "{value}".',
      LEAD_FUNNEL_NOT_CONFIGURED: 'The funnel "{funnel}" for deals from leads is not configured.',
      QUANTITY_NOT_POSITIVE: '“{field}” must be above zero, not {value}.',
      DISCOUNT_OUT_OF_RANGE: '“{field}”: a discount is from 0 to 100 % and never negative, not {value}.',
      NOT_IN_CARD: 'The widget is not open in a CRM card (placement {placement}).',
      RECEIPT_AMOUNT_NOT_POSITIVE: 'The receipt amount must be above zero, not {value}.',
      RECEIPT_AMOUNT_INVALID: '“{value}” is not an amount.',
      PAYMENT_BEFORE_INVOICE: 'The payment date {date} is before the invoice date {invoiceDate}.',
      INVOICE_NO_ROWS: 'The invoice has no positions: there is nothing to put the payment on.',
      INVOICE_CLOSED: 'The invoice is “{status}”: it takes no payments.',
      CREDIT_NEEDS_CONFIRMATION:
        'The receipt exceeds what the invoice owes: {credit} {currency} becomes a credit of the company. Please confirm.',
      RECEIPT_CONFLICT:
        'The invoice changed while you were recording the payment. It was read again: check the allocation once more; nothing was written.',
      BANK_DOCUMENT_APPLIED: 'Bank document {key} is already recorded on this invoice (payment {paymentId}).',
      RECEIPT_NOT_FOUND: 'Payment {paymentId} is no longer on the invoice.',
      REASON_REQUIRED: 'Please give a reason.',
      DEAL_NO_ROWS: 'The deal has no products: nothing to invoice.',
      INVOICE_NO_COMPANY: 'The deal has no client company to invoice.',
      INVOICE_ISSUE_DENIED: 'Your role may not issue invoices.',
      INVOICE_FIELDS_MISSING:
        "The invoice fields for the rate and the key do not exist yet. Ask an administrator to run the app's install again: it creates them.",
      INVOICE_NOT_COMPLETED: 'Invoice {accountNumber} was created but its rows were not written. Retry to complete it.',
      MODEL_INVALID:
        'The configurator model in the salesflow.configurator setting is wrong at {path} ({problem}). Tell your administrator.',
      CATALOG_PROPERTIES_MISSING:
        'The catalog properties of configured items are not created yet ({key}). Ask an administrator to run the app install.',
      CONFIGURATION_NOT_APPROVED:
        'The item is not approved by the technical department ({approval}); the {funnel} funnel takes approved items only.',
      CATALOG_NOT_FOUND: 'The product is not in the portal catalog: reload the tab.',
      NO_APPROVER: 'Nobody can approve: the settings name neither a technician nor a head of the technical department.',
      NOT_PENDING: 'The item is not waiting for a decision now: reload the tab.',
      TASK_NOT_FOUND:
        'Approval task #{taskId} was deleted in the portal: nothing was written. Send the configuration again.',
      INSTALL_NOT_ADMIN: 'Only a portal administrator may install or remove the app.',
      INSTALL_TABLE_INVALID: 'The app’s placements table is broken (row {row}): nothing was written.',
      INSTALL_FIELD_CONFLICT:
        'The portal already has the field {field} of type “{found}”, “{expected}” is needed: nothing was written.',
      INSTALL_STEP_FAILED:
        'Step “{step}” did not finish: {failed} operation(s) failed. Run the install again; what is done is not repeated.',
      SETTINGS_NOT_ADMIN: 'Only a portal administrator may save the settings.',
      SETTINGS_INVALID: 'Section “{section}”, {path}: {problem}. Nothing was saved.',
      SETTINGS_STALE: 'Someone else changed section “{section}” meanwhile (version {version}). Reload the page.',
      SETTINGS_VERSION_UNKNOWN: 'Section “{section}” has no version {version} in its history.',
      SETTINGS_UNKNOWN_STAGE:
        'Section “{section}”, {path}: the portal has no stage (status) “{stage}”. Nothing was saved.',
      BANK_APPLY_DENIED:
        'Only an accountant or an administrator may apply bank statement receipts (your role: {role}).',
    },
    rows: {
      product: 'Product',
      listPrice: 'Price',
      discount: 'Discount',
      percent: '%',
      amount: 'amount',
      quantity: 'Qty',
      tax: 'VAT',
      noTax: 'no VAT',
      sum: 'Sum',
      remove: 'Remove',
      inexact: 'The portal will store the price {price}: the exact price cannot be reached with this discount.',
    },
    catalog: {
      open: 'Add from the catalog',
      close: 'Close',
      text: 'Name or article',
      placeholder: 'E.g. ПТ-200 or SF-101',
      section: 'Section',
      allSections: 'All sections',
      searching: 'Searching…',
      hint: 'Type at least two characters or choose a section.',
      article: 'art. {article}',
      stock: 'Stock',
      add: 'Add',
    },
    panel: {
      loadFailed: 'This part of the card did not load. Check your connection and reload the tab.',
      reload: 'Reload',
    },
  },
} satisfies Record<Lang, Messages>

function merge(a: Messages, b: Messages): Messages {
  const out: Messages = { ...a }
  for (const [k, v] of Object.entries(b)) out[k] = isRecord(v) && isRecord(out[k]) ? merge(out[k] as Messages, v) : v
  return out
}

/**
 * A widget's words in its language: `t('a.b', { name })` reads the message at the dotted key and fills its `{name}`
 * placeholders (a placeholder without a value prints nothing); a key missing in the language falls back to English,
 * one missing in both prints the key itself. `te` says whether the language has the key. Our messages use named
 * placeholders only (no plural forms, no links), so that is all this does.
 */
export interface Translator {
  t(key: string, params?: Readonly<Record<string, unknown>>): string
  te(key: string): boolean
  /** The language the widget speaks (the portal user's), fixed for the page's lifetime. */
  readonly locale: Readonly<Ref<Lang>>
}

/** startWidget's plugin: provides the translator to the component tree; `global` serves code outside components. */
export interface WidgetI18n extends ObjectPlugin {
  readonly global: Translator
}

const I18N_KEY: InjectionKey<Translator> = Symbol('salesflow:i18n')

function lookup(messages: Messages, key: string): string | undefined {
  let node: unknown = messages
  for (const part of key.split('.')) node = isRecord(node) ? node[part] : undefined
  return typeof node === 'string' ? node : undefined
}

function fill(message: string, params: Readonly<Record<string, unknown>>): string {
  return message.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name]
    return value === undefined || value === null ? '' : String(value)
  })
}

/** The translator of a widget, in the portal's language, with English as the fallback. */
export function createWidgetI18n(lang: Lang, messages: Record<Lang, Messages>): WidgetI18n {
  const own = merge(kitMessages[lang], messages[lang])
  const fallback = lang === 'en' ? own : merge(kitMessages.en, messages.en)
  const global: Translator = {
    t: (key, params = {}) => fill(lookup(own, key) ?? lookup(fallback, key) ?? key, params),
    te: (key) => lookup(own, key) !== undefined,
    locale: readonly(ref(lang)),
  }
  return { global, install: (app) => void app.provide(I18N_KEY, global) }
}

/** The widget's translator inside a component (startWidget, or a test's mount, installs it). */
export function useI18n(): Translator {
  const translator = inject(I18N_KEY, null)
  if (!translator) throw new Error('useI18n: no translator; install createWidgetI18n(lang, messages) on the app')
  return translator
}
