import '../main.css'
import { startWidget } from '@salesflow/widget-kit'
import AdminApp from './AdminApp.vue'
import { settingsRepositories } from './repositories'
import { messages } from '../messages'

void startWidget(AdminApp, { messages, repositories: settingsRepositories })
