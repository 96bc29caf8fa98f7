-- 20261126182249_blog.up.sql, written by rxdb migrate on mysql.

-- add table user
CREATE TABLE `user` (
	`id` BIGINT NOT NULL AUTO_INCREMENT,
	`username` VARCHAR(64) NOT NULL,
	PRIMARY KEY (`id`)
);
CREATE UNIQUE INDEX `ux_user_username` ON `user` (`username`);

-- add table post
CREATE TABLE `post` (
	`id` BIGINT NOT NULL AUTO_INCREMENT,
	`title` TEXT NOT NULL,
	`body` TEXT NOT NULL,
	`user_id` BIGINT NOT NULL,
	`created_at` DATETIME(6) NOT NULL,
	`updated_at` DATETIME(6) NOT NULL,
	PRIMARY KEY (`id`),
	CONSTRAINT `fk_post_user_id` FOREIGN KEY (`user_id`) REFERENCES `user` (`id`) ON DELETE CASCADE
);
CREATE INDEX `ix_post_user_id` ON `post` (`user_id`);

-- add table comment
CREATE TABLE `comment` (
	`id` BIGINT NOT NULL AUTO_INCREMENT,
	`post_id` BIGINT NOT NULL,
	`user_id` BIGINT NOT NULL,
	`body` TEXT NOT NULL,
	`created_at` DATETIME(6) NOT NULL,
	PRIMARY KEY (`id`),
	CONSTRAINT `fk_comment_post_id` FOREIGN KEY (`post_id`) REFERENCES `post` (`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_comment_user_id` FOREIGN KEY (`user_id`) REFERENCES `user` (`id`) ON DELETE CASCADE
);
CREATE INDEX `ix_comment_post_id` ON `comment` (`post_id`);
CREATE INDEX `ix_comment_user_id` ON `comment` (`user_id`);

-- add table tag
CREATE TABLE `tag` (
	`id` BIGINT NOT NULL AUTO_INCREMENT,
	`label` VARCHAR(64) NOT NULL,
	PRIMARY KEY (`id`)
);
CREATE UNIQUE INDEX `ux_tag_label` ON `tag` (`label`);

-- add table post_tag
CREATE TABLE `post_tag` (
	`post_id` BIGINT NOT NULL,
	`tag_id` BIGINT NOT NULL,
	PRIMARY KEY (`post_id`, `tag_id`),
	CONSTRAINT `fk_post_tag_post_id` FOREIGN KEY (`post_id`) REFERENCES `post` (`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_post_tag_tag_id` FOREIGN KEY (`tag_id`) REFERENCES `tag` (`id`) ON DELETE RESTRICT
);
CREATE INDEX `ix_post_tag_tag_id` ON `post_tag` (`tag_id`);

