-- 0002: accounts, sessions, login attempts and the audit log (internal/auth).
-- Times are RFC 3339 text in UTC without fractions ('2025-03-07T09:00:00Z'),
-- so that they compare as text in both dialects.

CREATE TABLE users (
    id            {{id}},
    login         TEXT NOT NULL UNIQUE,
    role          TEXT NOT NULL,              -- admin / president / trialmgmt / personnel / chief / judge / discipline
    court_id      BIGINT REFERENCES courts(id),
    department_id BIGINT REFERENCES departments(id),
    person_id     BIGINT REFERENCES people(id),
    password_hash TEXT NOT NULL,              -- argon2id, PHC string
    disabled      {{bool}} NOT NULL,
    created_at    TEXT NOT NULL,
    password_at   TEXT NOT NULL               -- when the password was last set
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,              -- hex SHA-256 of the cookie's token
    user_id    BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    seen_at    TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    ip         TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE login_attempts (
    id    {{id}},
    login TEXT NOT NULL,
    ip    TEXT NOT NULL,
    at    TEXT NOT NULL,
    ok    {{bool}} NOT NULL
);
CREATE INDEX login_attempts_login ON login_attempts (login, at);
CREATE INDEX login_attempts_ip ON login_attempts (ip, at);

CREATE TABLE audit_log (
    id       {{id}},
    at       TEXT NOT NULL,
    actor_id BIGINT,                          -- users.id; NULL for the command line
    actor    TEXT NOT NULL,                   -- login name, or 命令行（OS 用户）
    action   TEXT NOT NULL,                   -- auth.Action
    object   TEXT NOT NULL,
    before_json TEXT,                         -- the object before, JSON
    after_json  TEXT,                         -- the object after, JSON
    ip       TEXT NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);
