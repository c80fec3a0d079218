/**
 * @salesflow/rules: the public surface. Pure domain logic (decimal.js, json-rules-engine):
 * no I/O, no Vue, no clock. Everything not exported here is internal.
 */
export { ok, err, all, type Result } from './result'
export type { RuleError, RuleErrorCode } from './errors'
export { D, parseDecimal, type Dec, type NumericInput } from './decimal'
export { phpRound, roundEx } from './money/rounding'
export {
  currency,
  money,
  add,
  subtract,
  sum,
  multiply,
  compare,
  isZero,
  isNegative,
  toSnapshot,
  type Currency,
  type Money,
} from './money/money'
export { allocate } from './money/allocate'
export {
  convertMoney,
  conversionFactor,
  exchangeRate,
  type PortalCurrency,
  type ConvertMoneyOptions,
} from './fx/convert-money'
export {
  computeProductRows,
  type ProductRowInput,
  type ComputedProductRow,
  type ProductRowsOptions,
  type ProductRowsResult,
  type DiscountTypeId,
  type YesNo,
} from './pricing/product-rows'
export { priceForRest, type ManagerPriceInput, type ManagerDiscount, type RestPrice } from './pricing/price-for-rest'
