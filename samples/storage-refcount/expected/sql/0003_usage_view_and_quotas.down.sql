-- usage view and quotas
-- Converted by pgmend from:
--     003_usage_view_and_quotas.sql (version 003)

-- 003_usage_view_and_quotas.sql:13
DROP VIEW IF EXISTS account_usage;

-- 003_usage_view_and_quotas.sql:8
DELETE FROM storage_quotas WHERE storage_class IN ('standard', 'infrequent', 'archive');

-- 003_usage_view_and_quotas.sql:3
DROP TABLE IF EXISTS storage_quotas;
