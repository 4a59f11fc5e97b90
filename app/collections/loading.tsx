import { ListingSkeleton } from "../_components/listing-skeleton";

export default function Loading() {
  return <ListingSkeleton title="Collections" />;
}
