"""Governance: the accounts registry (第四–七条, 第十八条), activity and reports."""
