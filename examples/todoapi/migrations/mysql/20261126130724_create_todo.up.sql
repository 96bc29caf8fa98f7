-- 20261126130724_create_todo.up.sql, written by rxdb migrate on mysql.

-- add table todo
CREATE TABLE `todo` (
	`id` BIGINT NOT NULL AUTO_INCREMENT,
	`title` VARCHAR(200) NOT NULL,
	`done` BOOLEAN NOT NULL,
	`priority` BIGINT NOT NULL,
	`created_at` DATETIME(6) NOT NULL,
	`updated_at` DATETIME(6) NOT NULL,
	PRIMARY KEY (`id`)
);
CREATE INDEX `ix_todo_done` ON `todo` (`done`);

