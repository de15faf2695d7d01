"""Canvas Credentials (the Badgr v2 API): settings, client, sync and an emulator."""
