import './main.css'
import { createRepositories } from '@salesflow/portal'
import { startWidget } from '@salesflow/widget-kit'
import App from './App.vue'
import { messages } from './messages'

void startWidget(App, { messages, repositories: createRepositories })
