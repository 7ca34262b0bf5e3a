"""`doodle bench`: speed and memory figures as JSON; never imported by the app."""
