import '../main.css'
import b24UiPlugin from '@bitrix24/b24ui-nuxt/vue-plugin'
import { startWidget } from '@salesflow/widget-kit'
import InstallApp from './InstallApp.vue'
import { messages } from '../messages'

void startWidget(InstallApp, { messages, plugins: [b24UiPlugin] })
