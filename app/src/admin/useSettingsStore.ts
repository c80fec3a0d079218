import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { isRecord, type Configuration, type Result } from '@salesflow/rules'
import {
  bankSettingsProblems,
  companyProblems,
  dryRunLeadRules,
  previewConfiguratorModel,
  lineOfPath,
  openSettingsPage,
  parseSectionText,
  rollbackSection,
  saveSection,
  SETTINGS_SECTIONS,
  uninstallApp,
  validateSection,
  type LeadRulesDryRun,
  type SettingsPage,
  type SettingsSection,
} from '@salesflow/usecases'
import { useCardStore, useSessionState, type CodedError } from '@salesflow/widget-kit'
import { settingsRepositories } from './repositories'

type PerSection<T> = Record<SettingsSection, T>
const each = <T>(make: (s: SettingsSection) => T): PerSection<T> =>
  Object.fromEntries(SETTINGS_SECTIONS.map((s) => [s, make(s)])) as PerSection<T>

const pretty = (v: unknown): string => JSON.stringify(v ?? null, null, 2)

/** An error with the line of the edited text it points at, when it can be placed. */
export type SectionProblem = CodedError & { readonly line?: number }

/**
 * The administrator's page: every section as JSON text (the roles also through pickers), checked on demand and on
 * save by the use cases; the lead rules' dry run before saving; uninstall. Others see the same page read-only.
 */
export const useSettingsStore = defineStore('settings', () => {
  const state = useSessionState(settingsRepositories)
  const lang = state.lang

  async function open(): Promise<Result<SettingsPage, CodedError>> {
    if (state.status === 'failed') return { ok: false, error: state.error }
    if (state.status === 'standalone') return { ok: false, error: { code: 'STANDALONE' } }
    return openSettingsPage(state.session)
  }
  const { status, data: page, error, load: loadPage } = useCardStore(open)
  const texts = ref<PerSection<string>>(each(() => ''))
  const problems = shallowRef<PerSection<SectionProblem | null>>(each(() => null))
  const notices = ref<PerSection<string>>(each(() => ''))
  const busy = ref<SettingsSection | 'dryRun' | 'uninstall' | null>(null)
  const dryRun = shallowRef<LeadRulesDryRun | null>(null)
  const uninstalled = shallowRef<{ placements: number; events: number } | null>(null)
  const actionError = shallowRef<CodedError | null>(null)
  const canSave = computed(() => page.value?.isAdmin === true)

  async function load(): Promise<void> {
    await loadPage()
    if (page.value) texts.value = each((s) => pretty(page.value!.sections[s].value))
  }

  const setProblem = (s: SettingsSection, p: SectionProblem | null) => {
    problems.value = { ...problems.value, [s]: p }
  }

  /** The section's text parsed and checked; the problem (with its line where it can be placed) otherwise. */
  function checked(s: SettingsSection): { ok: true; value: unknown } | { ok: false } {
    const text = texts.value[s]
    const parsed = parseSectionText(s, text)
    if (!parsed.ok) {
      setProblem(s, parsed.error)
      return { ok: false }
    }
    const valid = validateSection(s, parsed.value, { users: page.value?.users ?? [], stages: page.value?.stages ?? [] })
    if (!valid.ok) {
      const line = lineOfPath(text, valid.error.path)
      setProblem(s, line === undefined ? valid.error : { ...valid.error, line })
      return { ok: false }
    }
    setProblem(s, null)
    return { ok: true, value: parsed.value }
  }

  function validate(s: SettingsSection): boolean {
    notices.value[s] = ''
    return checked(s).ok
  }

  function applySaved(
    s: SettingsSection,
    value: unknown,
    history: SettingsPage['sections'][SettingsSection]['history'],
  ) {
    if (!page.value) return
    page.value = { ...page.value, sections: { ...page.value.sections, [s]: { section: s, value, history } } }
    texts.value[s] = pretty(value)
    notices.value[s] = String(history.version)
  }

  async function save(s: SettingsSection): Promise<void> {
    if (state.status !== 'ready' || !page.value) return
    notices.value[s] = ''
    const c = checked(s)
    if (!c.ok) return
    busy.value = s
    const r = await saveSection(state.session, {
      section: s,
      value: c.value,
      baseVersion: page.value.sections[s].history.version,
      page: page.value,
      now: new Date().toISOString(),
    })
    busy.value = null
    if (r.ok) applySaved(s, c.value, r.value)
    else setProblem(s, r.error)
  }

  async function rollback(s: SettingsSection, toVersion: number): Promise<void> {
    if (state.status !== 'ready' || !page.value) return
    const history = page.value.sections[s].history
    busy.value = s
    const r = await rollbackSection(state.session, {
      section: s,
      toVersion,
      history,
      baseVersion: history.version,
      page: page.value,
      now: new Date().toISOString(),
    })
    busy.value = null
    const value = history.entries.find((e) => e.version === toVersion)?.value
    if (r.ok) applySaved(s, value, r.value)
    else setProblem(s, r.error)
  }

  async function runDryRun(): Promise<void> {
    if (state.status !== 'ready' || !page.value) return
    dryRun.value = null
    const c = checked('leadRules')
    if (!c.ok) return
    busy.value = 'dryRun'
    const r = await dryRunLeadRules(state.session, { current: page.value.sections.leadRules.value, proposed: c.value })
    busy.value = null
    if (r.ok) dryRun.value = r.value
    else setProblem('leadRules', r.error)
  }

  async function uninstall(): Promise<void> {
    if (state.status !== 'ready') return
    busy.value = 'uninstall'
    actionError.value = null
    const r = await uninstallApp(state.session)
    busy.value = null
    if (r.ok) uninstalled.value = r.value
    else actionError.value = r.error
  }

  /**
   * A section's text as the forms see it: the parsed object, or null while the text is no JSON object (the forms
   * then step aside for the text; saving names the problem). The text stays the one source of the draft.
   */
  function draftOf(s: SettingsSection): Record<string, unknown> | null {
    try {
      const v: unknown = JSON.parse(texts.value[s])
      return isRecord(v) ? v : null
    } catch {
      return null
    }
  }
  const drafts = computed(() => each(draftOf))
  function setDraft(s: SettingsSection, value: unknown): void {
    texts.value[s] = pretty(value)
    notices.value[s] = ''
    setProblem(s, null)
  }

  /** The requisites form's problems by path, as the administrator types. */
  const companyFieldProblems = computed(() => {
    const d = drafts.value.company
    return d ? Object.fromEntries(companyProblems(d).map((p) => [p.path, p.code])) : {}
  })

  /** The bank settings form's problems by path, as the administrator types. */
  const bankFieldProblems = computed(() => {
    const d = drafts.value.bank
    return d ? Object.fromEntries(bankSettingsProblems(d).map((p) => [p.path, p.code])) : {}
  })

  /** The configurator section's sample configuration and what the edited model says about it, live. */
  const sample = ref<Configuration>({ platformId: '', components: [] })
  const modelPreview = computed(() => previewConfiguratorModel(drafts.value.configurator, sample.value))

  /** The roles draft as the pickers see it (an unparsable text gives empty maps; saving names the problem). */
  const rolesDraft = computed(() => drafts.value.roles ?? {})
  function roleOf(kind: 'users' | 'departments', id: number): string {
    const map = rolesDraft.value[kind]
    return isRecord(map) && typeof map[String(id)] === 'string' ? (map[String(id)] as string) : ''
  }
  function setRole(kind: 'users' | 'departments', id: number, role: string): void {
    const draft = { ...rolesDraft.value }
    const map = { ...(isRecord(draft[kind]) ? draft[kind] : {}) } as Record<string, string>
    if (role) map[String(id)] = role
    else delete map[String(id)]
    draft[kind] = map
    texts.value.roles = pretty(draft)
  }

  return {
    sessionStatus: state.status,
    status,
    error,
    page,
    lang,
    texts,
    problems,
    notices,
    busy,
    dryRun,
    uninstalled,
    actionError,
    canSave,
    load,
    validate,
    save,
    rollback,
    runDryRun,
    uninstall,
    roleOf,
    setRole,
    drafts,
    setDraft,
    companyFieldProblems,
    bankFieldProblems,
    sample,
    modelPreview,
  }
})
