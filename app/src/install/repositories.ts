import { someRepositories } from '@salesflow/portal'

/** The install page writes through the client alone (app setup in one batch): no repository is built or bundled. */
export const installRepositories = someRepositories({})
