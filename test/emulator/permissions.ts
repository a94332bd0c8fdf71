import { PermissionFlagsBits } from 'discord.js';

/** Permission maths as Discord documents it (topics/permissions, "Permission Hierarchy"). */

export const Permission = PermissionFlagsBits;

export const ALL_PERMISSIONS: bigint = Object.values(PermissionFlagsBits).reduce((all, bit) => all | bit, 0n);

export interface PermissionSubject {
  guildId: string;
  ownerId: string;
  userId: string;
  /** Roles besides @everyone. */
  roleIds: readonly string[];
  roles: ReadonlyMap<string, { permissions: string }>;
}

export interface Overwrite {
  id: string;
  type: 0 | 1;
  allow: string;
  deny: string;
}

export function basePermissions(s: PermissionSubject): bigint {
  if (s.userId === s.ownerId) return ALL_PERMISSIONS;
  let perms = BigInt(s.roles.get(s.guildId)?.permissions ?? '0');
  for (const roleId of s.roleIds) perms |= BigInt(s.roles.get(roleId)?.permissions ?? '0');
  if (perms & Permission.Administrator) return ALL_PERMISSIONS;
  return perms;
}

export function channelPermissions(s: PermissionSubject, overwrites: readonly Overwrite[]): bigint {
  const base = basePermissions(s);
  if (base & Permission.Administrator) return ALL_PERMISSIONS;
  let perms = base;
  const everyone = overwrites.find((o) => o.id === s.guildId);
  if (everyone) perms = (perms & ~BigInt(everyone.deny)) | BigInt(everyone.allow);
  let allow = 0n;
  let deny = 0n;
  for (const o of overwrites) {
    if (o.type === 0 && o.id !== s.guildId && s.roleIds.includes(o.id)) {
      allow |= BigInt(o.allow);
      deny |= BigInt(o.deny);
    }
  }
  perms = (perms & ~deny) | allow;
  const member = overwrites.find((o) => o.type === 1 && o.id === s.userId);
  if (member) perms = (perms & ~BigInt(member.deny)) | BigInt(member.allow);
  // Implicit denial: without VIEW_CHANNEL nothing else applies. (The SEND_MESSAGES implications need no
  // bits cleared here: every route that would use them checks SEND_MESSAGES first.)
  if (!(perms & Permission.ViewChannel)) return 0n;
  return perms;
}
