import { resolveRole, type Role, type RoleConfig } from '@salesflow/rules'
import type { User } from '@salesflow/portal'
import type { PortalGateway } from '@salesflow/usecases'

/**
 * A user's role the way the widgets resolve it (`resolveRole` over `salesflow.roles`). The worker's own user is
 * the one the card batch read with `user.admin` (`me`: a portal administrator not named in the settings is
 * `admin`); for anybody else the portal tells no admin flag (user.get has none), so the settings and the
 * departments decide. Null: the portal does not know the user.
 */
export async function roleOfUser(
  gateway: PortalGateway,
  roles: RoleConfig,
  me: { readonly user: User; readonly role: Role },
  userId: number,
): Promise<{ readonly user: User; readonly role: Role } | null> {
  if (me.user.id === userId) return me
  const users = await gateway.repositories.users.byIds([userId])
  if (!users.ok) throw new Error(`user.get ${userId}: ${users.error.code}`)
  const user = users.value.find((u) => u.id === userId)
  return user ? { user, role: resolveRole(user, roles) } : null
}
