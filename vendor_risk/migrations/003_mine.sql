-- Fixes proposed by ismslint 0.1.0 for 5 statements; review before applying.

-- rls-enabled vendor_risk/migrations/001_vendor.sql:1:14
-- policy-requires-rls vendor_risk/migrations/001_vendor.sql:18:1
ALTER TABLE vendor ENABLE ROW LEVEL SECURITY;

-- rls-enabled vendor_risk/migrations/001_vendor.sql:22:14
ALTER TABLE vendor_contact ENABLE ROW LEVEL SECURITY;

-- foreign-key-index vendor_risk/migrations/001_vendor.sql:25:27
CREATE INDEX idx_vendor_contact_vendor_id ON vendor_contact (vendor_id);

-- rls-enabled-no-policy vendor_risk/migrations/001_vendor.sql:22:14
CREATE POLICY tenant_isolation ON vendor_contact USING (organisation_id = current_setting('app.current_organisation_id')::uuid);

-- rls-forced vendor_risk/migrations/001_vendor.sql:22:14
ALTER TABLE vendor_contact FORCE ROW LEVEL SECURITY;
