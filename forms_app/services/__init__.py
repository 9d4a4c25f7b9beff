"""State changes of forms: submitting, drafts, retention, usage counts. Views call these."""
