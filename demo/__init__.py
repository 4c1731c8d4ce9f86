"""Demo content for development: original stories, comments, generated
photos and a demo moderator. Nothing imports it, and its command refuses to
run with debug off."""
