-- A key may serve the tenant of another org: a sandbox's key reaching production's tenant, as a vendor lets a
-- sandbox test against the production subscription. Requests must still name the key's own org.
ALTER TABLE api_keys ADD COLUMN tenant_org_id text;
UPDATE api_keys SET tenant_org_id = org_id;
ALTER TABLE api_keys ALTER COLUMN tenant_org_id SET NOT NULL;
ALTER TABLE api_keys ADD CONSTRAINT api_keys_tenant_org_id CHECK (tenant_org_id ~ '^00D[a-zA-Z0-9]{15}$');

-- Scheduled maintenance of the whole service: until maintenance_until, every request answers 503 UNAVAILABLE.
CREATE TABLE service_state (
    id boolean PRIMARY KEY DEFAULT true CHECK (id),
    maintenance_until timestamptz
);
INSERT INTO service_state DEFAULT VALUES;
