"""三审制 (第十五条): roster, approval trailers, signatures and verification."""
