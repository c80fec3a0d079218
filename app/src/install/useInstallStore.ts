import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { ok } from '@salesflow/rules'
import { INSTALL_STEPS, installApp, type InstallReport, type InstallStep, type StepProgress } from '@salesflow/usecases'
import { useSessionState, type CodedError } from '@salesflow/widget-kit'
import table from '../../../widgets/placements.json'
import { installRepositories } from './repositories'

type StepView = StepProgress | { readonly step: InstallStep; readonly status: 'waiting' }

const waiting = (): Record<InstallStep, StepView> =>
  Object.fromEntries(INSTALL_STEPS.map((step) => [step, { step, status: 'waiting' }])) as Record<InstallStep, StepView>

/**
 * The install page: runs the installApp use case with this page's address as the app's root and the frame's
 * installFinish, and shows its progress step by step. `install_finished=Y` is the portal's reload after installFinish.
 */
export const useInstallStore = defineStore('install', () => {
  const state = useSessionState(installRepositories)
  const steps = ref<Record<InstallStep, StepView>>(waiting())
  const running = ref(false)
  const error = shallowRef<CodedError | null>(state.status === 'failed' ? state.error : null)
  const report = shallowRef<InstallReport | null>(null)
  const finished = new URLSearchParams(location.search).get('install_finished') === 'Y'

  async function run(): Promise<void> {
    if (state.status !== 'ready' || running.value) return
    const session = state.session
    running.value = true
    error.value = null
    steps.value = waiting()
    const r = await installApp(session, {
      table,
      appUrl: new URL('./', location.href).href,
      lang: state.lang,
      finish: () => (session.finishInstall ? session.finishInstall() : Promise.resolve(ok(undefined))),
      onProgress: (p) => void (steps.value = { ...steps.value, [p.step]: p }),
    })
    running.value = false
    if (r.ok) report.value = r.value
    else error.value = r.error
  }

  return { status: state.status, lang: state.lang, steps, running, error, report, finished, run }
})
