"""Status cards posted to chat channels: one neutral card, one adapter per webhook format."""
