"""Send your stories: readers' tips for the editors, handled in the admin."""
