import { createApp } from 'vue'
import App from './App.vue'
import { createHost, HOST_KEY } from './host'
import { toUserError } from './host/host-error'
import { createAppI18n } from './i18n'
import { createStore, STORE_KEY } from './state/store'
import { restoreAndPersist } from './runs/app-state'
import { runListFor } from './runs/use-run-list'

const host = createHost(window)
const store = createStore(host)
const app = createApp(App)

app.use(createAppI18n())
app.provide(HOST_KEY, host)
app.provide(STORE_KEY, store)
app.config.errorHandler = (error) => {
  console.error(error)
  store.state.appError = toUserError(error)
}
window.addEventListener('unhandledrejection', (event) => {
  console.error(event.reason)
  store.state.appError = toUserError(event.reason)
})

app.mount('#app')
void store.actions.init().then(() => restoreAndPersist(store, runListFor(host), host))
