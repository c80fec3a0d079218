import { someRepositories, createLeadRepository, createOptionsRepository } from '@salesflow/portal'

/** The repositories the settings page's use cases write through: only these are built, and only their code is bundled. */
export const settingsRepositories = someRepositories({ options: createOptionsRepository, leads: createLeadRepository })
