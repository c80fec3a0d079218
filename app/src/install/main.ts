import '../main.css'
import { startWidget } from '@salesflow/widget-kit'
import InstallApp from './InstallApp.vue'
import { installRepositories } from './repositories'
import { messages } from '../messages'

void startWidget(InstallApp, { messages, repositories: installRepositories })
