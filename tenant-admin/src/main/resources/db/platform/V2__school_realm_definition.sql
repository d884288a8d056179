-- Which version of the school-realm definition (SchoolRealmDefinition.VERSION) each school's Keycloak realm was
-- last brought to; 0 = never reconciled (realms made before the definition was versioned). The background
-- reconciler brings every active or suspended school whose version is lower to the current one.
ALTER TABLE platform.school ADD COLUMN realm_version int NOT NULL DEFAULT 0;

-- The school wants its school admins to pass an OTP at every browser login (set up on first login).
ALTER TABLE platform.school ADD COLUMN admin_otp_required boolean NOT NULL DEFAULT false;

CREATE INDEX school_realm_version_idx ON platform.school (realm_version);
