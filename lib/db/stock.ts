// The path the seed documents name for stock changes; the code lives with the rest of inventory.
export { adjustStock, decrementStock, incrementStock, type StockChange, type StockMove } from "@/lib/inventory/stock";
