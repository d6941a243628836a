-- Each committed change of a tenant moves its revision on, so a server process may keep the tenant it loaded and
-- reuse it while the revision is unchanged (another process, or the operator, moves it on).
ALTER TABLE tenants ADD COLUMN revision bigint NOT NULL DEFAULT 0;
