import './main.css'
import { startWidget } from '@salesflow/widget-kit'
import App from './App.vue'
import { dealRepositories } from './repositories'
import { messages } from './messages'

void startWidget(App, { messages, repositories: dealRepositories })
window.requestIdleCallback?.(() => void import('@salesflow/documents/vite-fonts').then((m) => m.preloadDocumentFonts()))
