import '../main.css'
import { startWidget } from '@salesflow/widget-kit'
import AdminSections from './AdminSections.vue'
import { settingsRepositories } from './repositories'
import { messages } from '../messages'
import { bankMessages } from './bank/messages'

void startWidget(AdminSections, {
  messages: { ru: { ...messages.ru, ...bankMessages.ru }, en: { ...messages.en, ...bankMessages.en } },
  repositories: settingsRepositories,
})
