"""Citizen interaction (第十二条, 第十七条): comments and messages fetched from the platforms,
triaged through the content rules, routed to the responsible person with a deadline in
working days, answered with reviewed replies sent exactly once, and counted in the report.

One module per concept: ``privacy`` (hashed ids, masked numbers), ``store`` (the inbox
records ``interaction/YYYY/MM/<channel>.jsonl`` and the cursors), ``fetch`` (the platform
readers), ``config`` (the unit's routing rules and settings), ``triage``, ``deadlines``,
``replies`` (reply files under ``content/replies/``), ``send`` (exactly-once delivery with
a ledger record) and ``figures`` (the annual report's numbers).
"""
