import './main.css'
import { createApp } from 'vue'
import { createPinia } from 'pinia'
import b24UiPlugin from '@bitrix24/b24ui-nuxt/vue-plugin'
import App from './App.vue'

createApp(App).use(createPinia()).use(b24UiPlugin).mount('#app')
