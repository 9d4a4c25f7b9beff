"""The webcare API: social-media and chat tools register contacts here (/api/webcare/)."""
