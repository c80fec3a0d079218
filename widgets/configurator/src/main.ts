import './main.css'
import { configuratorRepositories } from './repositories'
import { startWidget } from '@salesflow/widget-kit'
import App from './App.vue'
import { messages } from './messages'

void startWidget(App, { messages, repositories: configuratorRepositories })
