import '../main.css'
import { startWidget } from '@salesflow/widget-kit'
import AdminApp from './AdminApp.vue'
import { messages } from '../messages'

void startWidget(AdminApp, { messages })
