// Package auth holds the rules of accounts and access in 质效: roles, the data
// scope a user's role and post give them, password hashing, login throttling,
// session tokens and the vocabulary of the audit log. It does no I/O: the
// store keeps users, sessions, login attempts and audit entries, and the web
// layer asks a Scope before it shows anything.
//
// Vocabulary: 账号 User (an account, identified by its Login), 角色 Role,
// 数据范围 Scope, 会话 Session, 登录尝试 Attempt, 审计日志 AuditEntry. The
// units a scope speaks of are the store's ids of courts, departments and
// people (0 = none).
package auth
