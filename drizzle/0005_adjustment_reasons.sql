PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_inventory_adjustments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`variant_id` integer NOT NULL,
	`delta` integer NOT NULL,
	`stock_before` integer NOT NULL,
	`stock_after` integer NOT NULL,
	`reason` text NOT NULL,
	`reference` text,
	`actor` text DEFAULT 'system' NOT NULL,
	`note` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`variant_id`) REFERENCES `product_variants`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "inventory_adjustments_arithmetic" CHECK("__new_inventory_adjustments"."stock_after" = "__new_inventory_adjustments"."stock_before" + "__new_inventory_adjustments"."delta" AND "__new_inventory_adjustments"."stock_after" >= 0),
	CONSTRAINT "inventory_adjustments_reason" CHECK("__new_inventory_adjustments"."reason" IN ('initial','order','restock','bulk','return','cancellation','import','received','cycle_count','correction','damaged','returned','other')),
	CONSTRAINT "inventory_adjustments_created_at_iso" CHECK(created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]Z')
);
--> statement-breakpoint
INSERT INTO `__new_inventory_adjustments`("id", "variant_id", "delta", "stock_before", "stock_after", "reason", "reference", "actor", "note", "created_at") SELECT "id", "variant_id", "delta", "stock_before", "stock_after", "reason", "reference", "actor", "note", "created_at" FROM `inventory_adjustments`;--> statement-breakpoint
DROP TABLE `inventory_adjustments`;--> statement-breakpoint
ALTER TABLE `__new_inventory_adjustments` RENAME TO `inventory_adjustments`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `inventory_adjustments_variant_idx` ON `inventory_adjustments` (`variant_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `inventory_adjustments_created_idx` ON `inventory_adjustments` (`created_at`);