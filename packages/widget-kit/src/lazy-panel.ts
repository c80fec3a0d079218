import { defineAsyncComponent, type Component } from 'vue'
import PanelLoading from './components/PanelLoading.vue'
import PanelLoadError from './components/PanelLoadError.vue'

/**
 * A panel whose code (and the use cases only it calls) loads after the page's first paint, to keep the page's
 * initial JavaScript small: a skeleton while it arrives, a sentence with a reload button if it does not.
 * Imported as `@salesflow/widget-kit/lazy-panel`, not from the kit's index: it imports .vue files, which the kit's
 * index (loaded in Node too) must not.
 */
export function lazyPanel<C extends Component>(load: () => Promise<{ default: C }>): C {
  return defineAsyncComponent({
    loader: load,
    loadingComponent: PanelLoading,
    errorComponent: PanelLoadError,
    // A chunk served from the portal's CDN usually arrives at once: no skeleton flash for that.
    delay: 150,
  }) as C
}
