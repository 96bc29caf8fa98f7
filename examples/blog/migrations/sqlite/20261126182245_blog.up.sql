-- 20261126182245_blog.up.sql, written by rxdb migrate on sqlite.

-- add table user
CREATE TABLE "user" (
	"id" INTEGER NOT NULL,
	"username" VARCHAR(64) NOT NULL,
	PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "ux_user_username" ON "user" ("username");

-- add table post
CREATE TABLE "post" (
	"id" INTEGER NOT NULL,
	"title" TEXT NOT NULL,
	"body" TEXT NOT NULL,
	"user_id" INTEGER NOT NULL,
	"created_at" DATETIME NOT NULL,
	"updated_at" DATETIME NOT NULL,
	PRIMARY KEY ("id"),
	CONSTRAINT "fk_post_user_id" FOREIGN KEY ("user_id") REFERENCES "user" ("id") ON DELETE CASCADE
);
CREATE INDEX "ix_post_user_id" ON "post" ("user_id");

-- add table comment
CREATE TABLE "comment" (
	"id" INTEGER NOT NULL,
	"post_id" INTEGER NOT NULL,
	"user_id" INTEGER NOT NULL,
	"body" TEXT NOT NULL,
	"created_at" DATETIME NOT NULL,
	PRIMARY KEY ("id"),
	CONSTRAINT "fk_comment_post_id" FOREIGN KEY ("post_id") REFERENCES "post" ("id") ON DELETE CASCADE,
	CONSTRAINT "fk_comment_user_id" FOREIGN KEY ("user_id") REFERENCES "user" ("id") ON DELETE CASCADE
);
CREATE INDEX "ix_comment_post_id" ON "comment" ("post_id");
CREATE INDEX "ix_comment_user_id" ON "comment" ("user_id");

-- add table tag
CREATE TABLE "tag" (
	"id" INTEGER NOT NULL,
	"label" VARCHAR(64) NOT NULL,
	PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "ux_tag_label" ON "tag" ("label");

-- add table post_tag
CREATE TABLE "post_tag" (
	"post_id" INTEGER NOT NULL,
	"tag_id" INTEGER NOT NULL,
	PRIMARY KEY ("post_id", "tag_id"),
	CONSTRAINT "fk_post_tag_post_id" FOREIGN KEY ("post_id") REFERENCES "post" ("id") ON DELETE CASCADE,
	CONSTRAINT "fk_post_tag_tag_id" FOREIGN KEY ("tag_id") REFERENCES "tag" ("id") ON DELETE RESTRICT
);
CREATE INDEX "ix_post_tag_tag_id" ON "post_tag" ("tag_id");

