"""Web Push: devices' subscriptions, the reminder scheduler and the sender."""
