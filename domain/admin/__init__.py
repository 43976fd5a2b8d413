"""What the admin menu reads that no other part owns."""
