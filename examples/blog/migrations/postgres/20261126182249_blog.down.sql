-- 20261126182249_blog.down.sql, written by rxdb migrate on postgres.
-- 5 change(s) below can lose data or fail on existing rows: read the DESTRUCTIVE and WARNING lines.

-- DESTRUCTIVE: drop table post_tag: drops the table and all its rows
DROP TABLE "post_tag";

-- DESTRUCTIVE: drop table tag: drops the table and all its rows
DROP TABLE "tag";

-- DESTRUCTIVE: drop table comment: drops the table and all its rows
DROP TABLE "comment";

-- DESTRUCTIVE: drop table post: drops the table and all its rows
DROP TABLE "post";

-- DESTRUCTIVE: drop table user: drops the table and all its rows
DROP TABLE "user";

