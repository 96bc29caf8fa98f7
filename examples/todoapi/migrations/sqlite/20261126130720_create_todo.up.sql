-- 20261126130720_create_todo.up.sql, written by rxdb migrate on sqlite.

-- add table todo
CREATE TABLE "todo" (
	"id" INTEGER NOT NULL,
	"title" VARCHAR(200) NOT NULL,
	"done" BOOLEAN NOT NULL,
	"priority" INTEGER NOT NULL,
	"created_at" DATETIME NOT NULL,
	"updated_at" DATETIME NOT NULL,
	PRIMARY KEY ("id")
);
CREATE INDEX "ix_todo_done" ON "todo" ("done");

