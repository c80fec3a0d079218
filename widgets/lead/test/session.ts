import { openCardTab, type EmulatedPortal } from '../../../packages/widget-kit/test/support/widget-harness'
import { leadRepositories } from '../src/repositories'

export {
  startPortal,
  type EmulatedPortal,
  type WidgetHarness,
} from '../../../packages/widget-kit/test/support/widget-harness'

/** The lead tab's stores over an emulated portal, as user `userId` in lead `leadId`'s card. */
export const openLeadTab = (portal: EmulatedPortal, leadId: number, userId: number) =>
  openCardTab(portal, 'CRM_LEAD_DETAIL_TAB', leadId, userId, leadRepositories)
