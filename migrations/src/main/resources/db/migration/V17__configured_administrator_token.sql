-- The bootstrap administrator's token comes from the configuration (JUDGE_ADMIN_TOKEN, or the data directory's
-- admin-token file). Its SHA-256 is remembered here so that a start with another token rotates it: the old
-- token's row in api_tokens is deleted and the new one inserted. Until then every configured token stayed
-- valid for ever, since each start only added its own. A start with the same token changes nothing, so a token
-- revoked or rotated through the API stays revoked.
-- (Tokens themselves are hashed at rest since V1: api_tokens keeps only token_sha256; nothing to migrate.)
CREATE TABLE configured_admin_tokens (
    handle       TEXT        PRIMARY KEY,
    token_sha256 BYTEA       NOT NULL,
    set_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
