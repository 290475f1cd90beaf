"""``govmedia watch``: what the accounts actually show, reconciled with the ledger (第十七条).

- ``fingerprint.py``: the normalised text of an item and its hash (recorded at publish time);
- ``listing.py``: every item each account shows, read through the publishing clients;
- ``expected.py``: what the ledger says should be on each platform;
- ``reconcile.py``: the comparison, one :class:`~pipeline.watch.model.Discrepancy` per finding;
- ``alerts.py``: the signed webhook alert; ``run.py``: the command's run.

A watch only reads: it never calls an endpoint that changes anything on a platform.
"""
