"""Publishing (第七、十五、二十条): from an approved commit on main to the platforms, exactly once.

- ``plan.py``: what a run has to do (approved posts not yet on their channels);
- ``publisher.py``: each delivery through its platform's channel, with intent records;
- ``run.py``: the run around it (lock, checks, claim, summary, ledger commit);
- ``ledger_commit.py``: the run lock, the signed ledger commit and its push;
- ``claim.py``, ``sync.py``: several publishing servers sharing one remote;
- ``rebuild.py``: the ledger rebuilt from what the platforms show;
- ``mass_outcome.py``: an operator records how an unconfirmed 群发 ended;
- ``retract.py``: ordered deletion (责令删除) from every platform;
- ``hook.py``: the git server's post-receive entry point.
"""
