-- The PostgreSQL role and database, run once as the postgres superuser:
--   sudo -u postgres psql -v ON_ERROR_STOP=1 -f /srv/kintsugi/deploy/create-database.sql
-- The services run as the system user kintsugi and connect over the local socket with peer
-- authentication (Debian's default), so the role needs no password.
CREATE ROLE kintsugi LOGIN;
CREATE DATABASE kintsugi OWNER kintsugi ENCODING 'UTF8' TEMPLATE template0;
