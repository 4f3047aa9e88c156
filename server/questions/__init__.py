"""The question ledger: the hurt partner's questions, answers that are never overwritten."""
