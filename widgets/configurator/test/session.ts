import { openCardTab, type EmulatedPortal } from '../../../packages/widget-kit/test/support/widget-harness'
import { configuratorRepositories } from '../src/repositories'

export {
  startPortal,
  type EmulatedPortal,
  type WidgetHarness,
} from '../../../packages/widget-kit/test/support/widget-harness'

/** The configurator tab's store over an emulated portal, as user `userId` in deal `dealId`'s card. */
export const openConfiguratorTab = (portal: EmulatedPortal, dealId: number, userId: number) =>
  openCardTab(portal, 'CRM_DEAL_DETAIL_TAB', dealId, userId, configuratorRepositories)
