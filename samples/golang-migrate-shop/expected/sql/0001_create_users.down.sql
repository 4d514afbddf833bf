-- create users
-- Converted by pgmend from:
--     000001_create_users.up.sql (version 000001)

-- 000001_create_users.down.sql:1
DROP TABLE IF EXISTS users;
