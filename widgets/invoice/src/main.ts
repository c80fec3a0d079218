import './main.css'
import { startWidget } from '@salesflow/widget-kit'
import App from './App.vue'
import { invoiceRepositories } from './repositories'
import { messages } from './messages'

void startWidget(App, { messages, repositories: invoiceRepositories })
