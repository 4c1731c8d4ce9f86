"""The newsletter: double opt-in sign-up, one-click unsubscribe, and the
subscriber list editors export."""
