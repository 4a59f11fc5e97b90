PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_shop_update_refusals` (
	`update_id` integer NOT NULL,
	`minute` text NOT NULL,
	`reason` text NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`update_id`, `minute`, `reason`),
	FOREIGN KEY (`update_id`) REFERENCES `shop_updates`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "shop_update_refusals_reason" CHECK("__new_shop_update_refusals"."reason" IN ('not_live','limit_reached','sold_out','not_admitted')),
	CONSTRAINT "shop_update_refusals_count" CHECK("__new_shop_update_refusals"."count" >= 0),
	CONSTRAINT "shop_update_refusals_minute" CHECK("__new_shop_update_refusals"."minute" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]')
);
--> statement-breakpoint
INSERT INTO `__new_shop_update_refusals`("update_id", "minute", "reason", "count") SELECT "update_id", "minute", "reason", "count" FROM `shop_update_refusals`;--> statement-breakpoint
DROP TABLE `shop_update_refusals`;--> statement-breakpoint
ALTER TABLE `__new_shop_update_refusals` RENAME TO `shop_update_refusals`;--> statement-breakpoint
PRAGMA foreign_keys=ON;