"""``govmedia watch``: what the accounts actually show, reconciled with the ledger (第十七条).

- each account's items are listed by its channel (``Channel.list_since``,
  pipeline/platforms/); their text is hashed by ``platforms/fingerprint.py`` (recorded at
  publish time);
- ``expected.py``: what the ledger says should be on each platform;
- ``reconcile.py``: the comparison, one :class:`~pipeline.watch.model.Discrepancy` per finding;
- ``alerts.py``: the signed webhook alert; ``run.py``: the command's run.

A watch only reads: it never calls an endpoint that changes anything on a platform.
"""
