CREATE TABLE `waiting_room_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`update_id` integer NOT NULL,
	`entrant_key` text NOT NULL,
	`arrived_at` text NOT NULL,
	`draw` integer NOT NULL,
	`position` integer,
	`admitted_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`update_id`) REFERENCES `shop_updates`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "waiting_room_entries_position" CHECK("waiting_room_entries"."position" IS NULL OR "waiting_room_entries"."position" > 0),
	CONSTRAINT "waiting_room_entries_entrant_key" CHECK(length("waiting_room_entries"."entrant_key") BETWEEN 16 AND 128),
	CONSTRAINT "waiting_room_entries_arrived_at_iso" CHECK(arrived_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]Z'),
	CONSTRAINT "waiting_room_entries_admitted_at_iso" CHECK(admitted_at IS NULL OR (admitted_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]Z')),
	CONSTRAINT "waiting_room_entries_created_at_iso" CHECK(created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]Z')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `waiting_room_entries_entrant_unique` ON `waiting_room_entries` (`update_id`,`entrant_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `waiting_room_entries_position_unique` ON `waiting_room_entries` (`update_id`,`position`);--> statement-breakpoint
CREATE INDEX `waiting_room_entries_arrived_idx` ON `waiting_room_entries` (`update_id`,`arrived_at`);--> statement-breakpoint
CREATE TABLE `waitlist_signups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`variant_id` integer NOT NULL,
	`email` text NOT NULL,
	`consented_at` text NOT NULL,
	`notified_at` text,
	`unsubscribed_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`variant_id`) REFERENCES `product_variants`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "waitlist_signups_email" CHECK("waitlist_signups"."email" = lower(trim("waitlist_signups"."email")) AND length("waitlist_signups"."email") BETWEEN 3 AND 254),
	CONSTRAINT "waitlist_signups_consented_at_iso" CHECK(consented_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]Z'),
	CONSTRAINT "waitlist_signups_notified_at_iso" CHECK(notified_at IS NULL OR (notified_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]Z')),
	CONSTRAINT "waitlist_signups_unsubscribed_at_iso" CHECK(unsubscribed_at IS NULL OR (unsubscribed_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]Z')),
	CONSTRAINT "waitlist_signups_created_at_iso" CHECK(created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]Z')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `waitlist_signups_variant_email_unique` ON `waitlist_signups` (`variant_id`,`email`);--> statement-breakpoint
CREATE INDEX `waitlist_signups_waiting_idx` ON `waitlist_signups` (`variant_id`,`notified_at`,`unsubscribed_at`,`id`);--> statement-breakpoint
CREATE INDEX `waitlist_signups_email_idx` ON `waitlist_signups` (`email`);--> statement-breakpoint
DROP INDEX `stock_reservations_variant_expires_idx`;--> statement-breakpoint
CREATE INDEX `stock_reservations_variant_expires_idx` ON `stock_reservations` (`variant_id`,`expires_at`,`quantity`,`checkout_id`);--> statement-breakpoint
ALTER TABLE `checkouts` ADD `combined_with_order_id` integer REFERENCES orders(id) ON DELETE set null;--> statement-breakpoint
CREATE INDEX `checkouts_combined_with_idx` ON `checkouts` (`combined_with_order_id`);