-- 20261126130720_create_todo.down.sql, written by rxdb migrate on sqlite.
-- 1 change(s) below can lose data or fail on existing rows: read the DESTRUCTIVE and WARNING lines.

-- DESTRUCTIVE: drop table todo: drops the table and all its rows
DROP TABLE "todo";

