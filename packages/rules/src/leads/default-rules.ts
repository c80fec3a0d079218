import rules from './default-rules.json'

/**
 * The demo company's lead rules as shipped (JSON an administrator edits; load a changed copy from the portal's
 * settings and compile it with compileLeadRuleSet). Untyped on purpose: it goes through validation like any file.
 */
export const DEFAULT_LEAD_RULES: unknown = rules
