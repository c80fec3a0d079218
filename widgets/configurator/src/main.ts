import './main.css'
import b24UiPlugin from '@bitrix24/b24ui-nuxt/vue-plugin'
import { startWidget } from '@salesflow/widget-kit'
import App from './App.vue'
import { messages } from './messages'

void startWidget(App, { messages, plugins: [b24UiPlugin] })
