import '../main.css'
import b24UiPlugin from '@bitrix24/b24ui-nuxt/vue-plugin'
import { startWidget } from '@salesflow/widget-kit'
import AdminApp from './AdminApp.vue'
import { messages } from '../messages'

void startWidget(AdminApp, { messages, plugins: [b24UiPlugin] })
