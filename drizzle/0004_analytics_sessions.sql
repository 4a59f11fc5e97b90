CREATE TABLE `storefront_sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id` text NOT NULL,
	`day` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	CONSTRAINT "storefront_sessions_day_format" CHECK("storefront_sessions"."day" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "storefront_sessions_session_id" CHECK(length("storefront_sessions"."session_id") BETWEEN 16 AND 64),
	CONSTRAINT "storefront_sessions_created_at_iso" CHECK(created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]Z')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `storefront_sessions_session_day_unique` ON `storefront_sessions` (`session_id`,`day`);--> statement-breakpoint
CREATE INDEX `storefront_sessions_day_idx` ON `storefront_sessions` (`day`);--> statement-breakpoint
CREATE INDEX `checkouts_created_status_idx` ON `checkouts` (`created_at`,`status`,`expires_at`);--> statement-breakpoint
CREATE INDEX `order_items_analytics_idx` ON `order_items` (`order_id`,`product_id`,`quantity`,`line_total`,`sku`,`product_name`);--> statement-breakpoint
CREATE INDEX `orders_analytics_idx` ON `orders` (`created_at`,`currency`,`payment_status`,`total`,`amount_refunded`,`discount_total`,`discount_code`);